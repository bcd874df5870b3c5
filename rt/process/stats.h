//===- stats.h - What this process did, for DISTOMP_STATS=1 ------*- C++ -*-===//
#ifndef DISTOMP_RT_STATS_H
#define DISTOMP_RT_STATS_H

#include <atomic>
#include <chrono>
#include <cstdint>

namespace distomp::wire {
struct Stats;
}

namespace distomp::rt {

struct ProcessStats {
  std::atomic<uint64_t> Chunks{0}, Iterations{0}, PagesFetched{0}, FetchRequests{0}, BytesIn{0},
      BytesOut{0}, PagesCommitted{0}, DiffBytes{0}, Faults{0}, Invalidations{0}, RegionNs{0},
      RuntimeNs{0}, PagesServed{0}, CommitsApplied{0}, MessagesOut{0}, FencedMessages{0},
      Regions{0}, // regions this process ran part of (a job of one process: all, natively)
      LockGrants{0}, LocksKept{0}, // critical sections entered by a grant, or again unasked
      UpdatesKept{0}, UpdatesPerformed{0}; // atomic updates kept, and the combined ones sent
  /// Time spent waiting for each kind of answer (indexed by WaitKind).
  std::atomic<uint64_t> WaitNsFor[5]{};
};

/// What a process waits for: where a slow run's time goes.
enum class WaitKind { Pages, Commits, Barriers, Chunks, Other };

ProcessStats &stats();

inline uint64_t nowNs() {
  return uint64_t(std::chrono::duration_cast<std::chrono::nanoseconds>(
                      std::chrono::steady_clock::now().time_since_epoch())
                      .count());
}

/// Counts the time of a runtime call inside a region as runtime time;
/// nested timers count once. (What it waited for is counted where it waits:
/// awaitMessage.)
class RuntimeTimer {
public:
  RuntimeTimer();
  ~RuntimeTimer();

private:
  uint64_t Start;
  bool Outermost;
};

/// One line on stderr: "distomp: stats: rank R (role, pid P on H): ...".
/// What the embedded coordinator did, for the master's statistics.
struct CoordinatorTotals {
  uint64_t Received = 0, Sent = 0, ChunksGranted = 0;
};

/// One line on stderr: readable, or one JSON object (DISTOMP_STATS=json).
void printStats(uint32_t Rank, bool IsMaster, const CoordinatorTotals *Coordinator = nullptr);

} // namespace distomp::rt

#endif
