//===- LoopScheduler.h - Chunks of one worksharing loop ----------*- C++ -*-===//
//
// Hands out the iterations (numbered 0 .. trip-1) of one loop of one region
// to the threads that ask, by the loop's schedule. It remembers what each
// thread was given since its last commit, so a dead process's unfinished
// chunks can be given again to the thread that replays it.
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_COORDINATOR_LOOPSCHEDULER_H
#define DISTOMP_COORDINATOR_LOOPSCHEDULER_H

#include "schedule.h"

#include <cstdint>
#include <deque>
#include <vector>

namespace distomp::coordinator {

class LoopScheduler {
public:
  LoopScheduler(Schedule Kind, uint64_t Trip, uint64_t Chunk, uint32_t NThreads);

  /// The next chunk for Tid; empty when the loop has none left for it. A
  /// replaying thread first gets again what the dead one had not committed.
  IterationRange next(uint32_t Tid, bool Replay);
  /// Tid committed everything it ran so far.
  void commit(uint32_t Tid);

  uint64_t trip() const { return Trip; }
  Schedule kind() const { return Kind; }
  uint64_t chunksGranted() const { return Granted; }

private:
  Schedule Kind;
  uint64_t Trip, Chunk;
  uint32_t NThreads;
  uint64_t Next = 0; // dynamic and guided: first iteration not yet handed out
  uint64_t Granted = 0;
  std::vector<uint64_t> StaticK;                   // per thread: static chunks taken
  std::vector<std::deque<IterationRange>> Uncommitted; // per thread
  std::vector<std::deque<IterationRange>> Regrant;     // per thread, replay only
  std::vector<bool> Replaying;
};

} // namespace distomp::coordinator

#endif
