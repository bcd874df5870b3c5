//===- shadow.cpp - Page states, one byte per page ------------------------===//
#include "memory/shadow.h"
#include "process/diag.h"

#include <cerrno>
#include <cstring>
#include <sys/mman.h>

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

namespace distomp::rt {

void mapShadow() {
  void *Want = reinterpret_cast<void *>(DISTOMP_SHADOW_OFFSET);
  // Read-only anonymous memory is not charged against the commit limit, so
  // the 32 GiB reservation works under strict overcommit too.
  void *Got = mmap(Want, DISTOMP_SHADOW_SIZE, PROT_READ,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
  if (Got == MAP_FAILED)
    fatal("cannot map the page-state table at %p (%llu bytes): %s", Want,
          static_cast<unsigned long long>(DISTOMP_SHADOW_SIZE), std::strerror(errno));
  if (Got != Want) { // kernels before 4.17 treat the flag as a hint
    munmap(Got, DISTOMP_SHADOW_SIZE);
    fatal("cannot map the page-state table at %p: the range is in use", Want);
  }
}

} // namespace distomp::rt
