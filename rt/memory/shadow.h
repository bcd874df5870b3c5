//===- shadow.h - Page states, one byte per page -----------------*- C++ -*-===//
//
// The table the pass's inline checks read (abi.h: DISTOMP_SHADOW_OFFSET). It is
// mapped read-only and zero at load: every page reads as writable, which is
// right for private memory and for a single process. Ranges that become shared
// get their part of the table made writable when the runtime starts tracking
// them.
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_RT_SHADOW_H
#define DISTOMP_RT_SHADOW_H

#include "distomp/abi.h"

#include <cstdint>

namespace distomp::rt {

inline uint8_t *shadowFor(const void *Addr) {
  return reinterpret_cast<uint8_t *>(
      (reinterpret_cast<uintptr_t>(Addr) >> DISTOMP_PAGE_SHIFT) + DISTOMP_SHADOW_OFFSET);
}

/// The state of the page holding Addr.
inline uint8_t pageState(const void *Addr) { return *shadowFor(Addr); }

/// Maps the table; called once, before any instrumented code runs.
void mapShadow();

} // namespace distomp::rt

#endif
