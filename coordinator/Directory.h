//===- Directory.h - Which process holds which page, and how fresh -*- C++ -*-===//
//
// The coherence directory of home-based release consistency. Time is a
// logical clock that ticks once per write report. For each page it keeps the
// time of its last write (its version); for each worker, the pages it caches
// with a time its copy is known to be at least as fresh as, and the time of
// its last acquire. An acquire then invalidates exactly the cached pages
// written after the copy was taken; a page fetched since the last acquire is
// assumed as old as that acquire (the fetch happened after it), which can
// only over-invalidate, never miss a write.
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_COORDINATOR_DIRECTORY_H
#define DISTOMP_COORDINATOR_DIRECTORY_H

#include <cstddef>
#include <cstdint>
#include <deque>
#include <unordered_map>
#include <vector>

namespace distomp::coordinator {

class Directory {
public:
  /// Pages written by Writer (rank), already committed at home. The writer's
  /// own copies include its writes, so they stay valid.
  void recordWrites(const std::vector<uint64_t> &Pages, uint32_t Writer);
  /// Pages Rank fetched since its last acquire.
  void recordFetched(uint32_t Rank, const std::vector<uint64_t> &Pages);
  /// An acquire by Rank: the pages it must invalidate (and no longer caches).
  /// EveryWrite: all pages others wrote since its last acquire, cached or
  /// not as far as the directory knows. A process whose threads fetch and
  /// report concurrently needs that: a page it fetched may be reported only
  /// after this acquire.
  std::vector<uint64_t> acquire(uint32_t Rank, bool EveryWrite = false);
  /// Rank left: forget its copies.
  void forget(uint32_t Rank);

  uint64_t version(uint64_t Page) const;
  size_t sharers(uint64_t Page) const;
  size_t logSize() const { return Log.size(); }

private:
  struct Node {
    uint64_t AcquireStamp = 0;
    std::unordered_map<uint64_t, uint64_t> Cached; // page -> fresh as of
  };
  void trim();

  uint64_t Clock = 0;
  struct Entry {
    uint64_t Time, Page;
    uint32_t Writer;
  };
  std::deque<Entry> Log; // time ascending
  std::unordered_map<uint64_t, uint64_t> Version;
  std::unordered_map<uint32_t, Node> Nodes;
};

} // namespace distomp::coordinator

#endif
