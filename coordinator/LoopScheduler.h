//===- LoopScheduler.h - Chunks of one worksharing loop ----------*- C++ -*-===//
//
// Hands out the iterations (numbered 0 .. trip-1) of one loop of one region
// to the threads that ask, by the loop's schedule. It remembers what each
// thread was given since its last commit, so a dead process's unfinished
// chunks can be given again to the thread that replays it.
//
// A nonmonotonic dynamic loop (clang's default for schedule(dynamic) since
// OpenMP 5.0) is split into one contiguous part per thread, as a static
// schedule would split it; each thread takes its chunks from the front of
// its own part and, once that is empty, steals from the back of the part
// with most left, a quarter of what is left in whole chunks at a time; the
// chunk with the last iteration goes last, so that the
// thread running it ends with it (lastprivate). OpenMP then allows any
// order, and a process's chunks lie
// together: its store misses walk its part sequentially and read ahead, a
// page is not written by two processes in turn, and the same loop run again
// gives each thread the same iterations, whose pages it may still hold.
// Monotonic and guided loops take chunks in order from one counter.
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
  /// Nonmonotonic: the loop's schedule allows chunks out of order.
  LoopScheduler(Schedule Kind, uint64_t Trip, uint64_t Chunk, uint32_t NThreads,
                bool Nonmonotonic = false);

  /// The next chunk for Tid; empty when the loop has none left for it. A
  /// replaying thread first gets again what the dead one had not committed.
  IterationRange next(uint32_t Tid, bool Replay);
  /// Tid committed everything it ran so far.
  void commit(uint32_t Tid);

  uint64_t trip() const { return Trip; }
  Schedule kind() const { return Kind; }
  uint64_t chunksGranted() const { return Granted; }

private:
  IterationRange nextDynamic();
  IterationRange nextFromParts(uint32_t Tid);
  uint64_t grantFrom(uint64_t Left) const;

  Schedule Kind;
  uint64_t Trip, Chunk;
  uint32_t NThreads;
  uint64_t Next = 0; // dynamic and guided: first iteration not yet handed out
  struct Part {
    uint64_t Begin, End; // [Begin, End): not yet handed out
  };
  std::vector<Part> Parts; // nonmonotonic dynamic: per thread
  Part Tail{0, 0};         // and the chunk with the last iteration, handed out last
  uint64_t Granted = 0;
  std::vector<uint64_t> StaticK;                   // per thread: static chunks taken
  std::vector<std::deque<IterationRange>> Uncommitted; // per thread
  std::vector<std::deque<IterationRange>> Regrant;     // per thread, replay only
  std::vector<bool> Replaying;
};

} // namespace distomp::coordinator

#endif
