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
// Byte-exact where it matters, in constant time per line: each 64-byte
// line keeps its bytes' last changes as up to three groups (bytes, epoch),
// disjoint, and one epoch for the rest of its changed bytes. An array's line
// is one group; a parameter read once beside a counter moved on at every
// step and a pointer cached later are three, each exact. A fourth group
// joins its oldest to the rest: what the summary cannot tell apart counts
// as changed later, which refuses a replay that would have been exact (a
// clean stop), never the other way round. 48 bytes per line; past
// MaxExactPages pages (96 MiB of history) a page keeps one epoch for all of
// its bytes.
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_RT_CHANGE_HISTORY_H
#define DISTOMP_RT_CHANGE_HISTORY_H

#include "memory/diff.h"

#include <array>
#include <cstdint>
#include <unordered_map>

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

  /// Pages kept line by line; past that, one epoch per page.
  static constexpr size_t MaxExactPages = 32768;

private:
  struct Line {
    static constexpr unsigned Groups = 3;
    uint64_t Bytes[Groups] = {}; ///< disjoint: each byte's last change is its group's
    uint64_t Ever = 0;           ///< every byte changed in this run
    uint32_t Marks[Groups] = {};
    uint32_t Older = 0; ///< the latest change of the changed bytes in no group
    void record(uint32_t Mark, uint64_t Changed);
    uint32_t latest(uint64_t Read) const;
  };

  uint64_t Seq = 0;
  std::unordered_map<uint64_t, std::array<Line, MaskWords>> Pages;
  std::unordered_map<uint64_t, uint32_t> Coarse;
};

} // namespace distomp::rt

#endif
