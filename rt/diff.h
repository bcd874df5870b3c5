//===- diff.h - Byte-exact differences between a page and its twin -*- C++ -*-===//
//
// At a release a worker sends home only the bytes it changed: the runs where
// the page differs from the twin taken at its first write. Runs are exact to
// the byte, so two processes writing neighbouring bytes of one page (false
// sharing) never overwrite each other's data.
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_RT_DIFF_H
#define DISTOMP_RT_DIFF_H

#include <cstddef>
#include <cstdint>
#include <vector>

namespace distomp::rt {

struct DiffRuns {
  std::vector<uint64_t> Addr; ///< the master's address of each run
  std::vector<uint32_t> Len;
  std::vector<uint8_t> Data;  ///< the runs' new bytes, back to back
};

/// Appends to Out the runs where Page (Size bytes at address Base) differs
/// from Twin. Returns the number of bytes appended.
size_t diffPage(const uint8_t *Page, const uint8_t *Twin, size_t Size, uint64_t Base,
                DiffRuns &Out);

} // namespace distomp::rt

#endif
