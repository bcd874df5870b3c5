//===- LoopScheduler.cpp - Chunks of one worksharing loop -----------------===//
#include "LoopScheduler.h"

namespace distomp::coordinator {

LoopScheduler::LoopScheduler(Schedule K, uint64_t T, uint64_t C, uint32_t N)
    : Kind(K), Trip(T), Chunk(C ? C : 1), NThreads(N ? N : 1), StaticK(NThreads, 0),
      Uncommitted(NThreads), Regrant(NThreads), Replaying(NThreads, false) {
  if (Kind == Schedule::Static)
    Chunk = 0; // balanced split, one chunk per thread (a chunk comes with
               // schedule(runtime) resolved to static, or auto: not one iteration)
}

IterationRange LoopScheduler::next(uint32_t Tid, bool Replay) {
  IterationRange R;
  if (Tid >= NThreads)
    return R;
  if (Replay && !Replaying[Tid]) {
    Replaying[Tid] = true;
    Regrant[Tid] = std::move(Uncommitted[Tid]);
    Uncommitted[Tid].clear();
  }
  if (!Regrant[Tid].empty()) {
    R = Regrant[Tid].front();
    Regrant[Tid].pop_front();
  } else {
    switch (Kind) {
    case Schedule::Static:
      if (Chunk == 0) {
        if (StaticK[Tid]++ == 0)
          R = staticBalanced(Trip, Tid, NThreads);
        break;
      }
      [[fallthrough]];
    case Schedule::StaticChunked:
      R = staticChunk(Trip, Chunk, Tid, NThreads, StaticK[Tid]++);
      break;
    case Schedule::Dynamic:
    case Schedule::Guided:
    case Schedule::Runtime:
    case Schedule::Unknown: {
      if (Next >= Trip)
        break;
      uint64_t Left = Trip - Next;
      uint64_t Size = Kind == Schedule::Guided ? guidedChunk(Left, Chunk, NThreads)
                                               : (Chunk < Left ? Chunk : Left);
      R = {false, Next, Next + Size - 1, Next + Size == Trip};
      Next += Size;
      break;
    }
    }
  }
  if (!R.Empty) {
    Uncommitted[Tid].push_back(R);
    ++Granted;
  }
  return R;
}

void LoopScheduler::commit(uint32_t Tid) {
  if (Tid < NThreads)
    Uncommitted[Tid].clear();
}

} // namespace distomp::coordinator
