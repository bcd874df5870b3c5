//===- change_history.h - When shared bytes last changed in a region -*- C++ -*-===//
//
// A replay runs a dead thread's code again from its region's start, skipping
// the constructs it had finished (replay_probe.h). What that code reads from
// shared memory must be what the dead thread read: a byte read after barrier
// j is read right only if nothing changed it at barrier j or later. So the
// home keeps, for the region run in progress, when the bytes of each page
// changed: by a worker's commit, by the master's own writes (found when it
// collects them), or by an atomic performed at home (time unknown: "changed
// now").
//
// Byte-exact, compactly: a line all of whose changed bytes changed last in
// one epoch (an array's line, the usual case) is that epoch and a mask of
// the bytes, 16 bytes; a line whose bytes last changed in different epochs
// (a parameter read once beside a counter moved on at every step) keeps an
// epoch per byte, 256 bytes more.
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_RT_CHANGE_HISTORY_H
#define DISTOMP_RT_CHANGE_HISTORY_H

#include "memory/diff.h"

#include <array>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace distomp::rt {

/// Epochs are kept plus one: 0 is "not changed in this run".
constexpr uint32_t ChangedNow = UINT32_MAX; ///< at an unknown or the current time

class ChangeHistory {
public:
  /// The bytes Changed of page Page changed in epoch Epoch of region run Seq
  /// (ChangedNow: at an unknown time). A new run forgets the last one's.
  void record(uint64_t Seq, uint32_t Epoch, uint64_t Page, const ByteMask &Changed);

  uint64_t seq() const { return Seq; }

  /// The latest change (epoch + 1, ChangedNow, or 0: none in this run) of
  /// the bytes [Addr, Addr + Size).
  uint32_t latest(uintptr_t Addr, size_t Size) const;

private:
  struct Line {
    uint32_t Last = 0;  ///< uniform: when its changed bytes last changed
    uint32_t Mixed = 0; ///< else 1 + the index of its per-byte epochs
    uint64_t LastBytes = 0;
  };
  using PerByte = std::array<uint32_t, 64>;
  void recordLine(Line &L, uint32_t Mark, uint64_t Bytes);
  uint32_t latestOf(const Line &L, uint64_t Bytes) const;

  uint64_t Seq = 0;
  std::unordered_map<uint64_t, std::array<Line, MaskWords>> Pages;
  std::vector<PerByte> Mixed;
};

} // namespace distomp::rt

#endif
