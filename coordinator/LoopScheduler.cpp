//===- LoopScheduler.cpp - Chunks of one worksharing loop -----------------===//
#include "LoopScheduler.h"

#include <algorithm>

namespace distomp::coordinator {

LoopScheduler::LoopScheduler(Schedule K, uint64_t T, uint64_t C, uint32_t N, bool Nonmonotonic)
    : Kind(K), Trip(T), Chunk(C ? C : 1), NThreads(N ? N : 1), StaticK(NThreads, 0),
      Uncommitted(NThreads), Regrant(NThreads), Replaying(NThreads, false) {
  if (Kind == Schedule::Static)
    Chunk = 0; // balanced split, one chunk per thread (a chunk comes with
               // schedule(runtime) resolved to static, or auto: not one iteration)
  if (Kind == Schedule::Dynamic && Nonmonotonic && NThreads > 1 && Trip > 0) {
    // The chunk with the last iteration is handed out last: the thread that
    // runs it gets nothing after it, so its lastprivate copies are that
    // iteration's (the thread's final chunk flags it).
    uint64_t TailBegin = Trip - (Chunk < Trip ? Chunk : Trip);
    Tail = {TailBegin, Trip};
    for (uint32_t Tid = 0; Tid < NThreads; ++Tid) {
      IterationRange R = staticBalanced(Trip, Tid, NThreads);
      uint64_t End = R.Empty ? 0 : std::min(R.Last + 1, TailBegin);
      uint64_t Begin = R.Empty ? 0 : std::min(R.First, End);
      Parts.push_back(Part{Begin, End});
    }
  }
}

IterationRange LoopScheduler::nextDynamic() {
  if (Next >= Trip)
    return {};
  uint64_t Left = Trip - Next;
  uint64_t Size =
      Kind == Schedule::Guided ? guidedChunk(Left, Chunk, NThreads) : (Chunk < Left ? Chunk : Left);
  IterationRange R{false, Next, Next + Size - 1, Next + Size == Trip};
  Next += Size;
  return R;
}

/// How much of a part with Left iterations one grant takes: a quarter of
/// it in whole chunks, at least one chunk. Consecutive chunks to one thread
/// are what it would have asked for one by one (a nonmonotonic schedule
/// says nothing of which thread runs which chunk), but each costs a round
/// trip: 256 iterations of a few microseconds each asked for 3,240 of them
/// and left both processes waiting for chunks most of the time. A quarter
/// keeps three quarters for thieves, and the grants shrink as the part
/// does, so the last ones are single chunks.
uint64_t LoopScheduler::grantFrom(uint64_t Left) const {
  uint64_t Chunks = Left / Chunk / 4;
  uint64_t Size = (Chunks > 1 ? Chunks : 1) * Chunk;
  return Size < Left ? Size : Left;
}

IterationRange LoopScheduler::nextFromParts(uint32_t Tid) {
  Part &Own = Parts[Tid];
  if (Own.Begin < Own.End) {
    uint64_t Size = grantFrom(Own.End - Own.Begin);
    IterationRange R{false, Own.Begin, Own.Begin + Size - 1, false};
    Own.Begin += Size;
    return R;
  }
  Part *Victim = nullptr;
  for (Part &P : Parts)
    if (P.End - P.Begin > (Victim ? Victim->End - Victim->Begin : 0))
      Victim = &P;
  if (!Victim) {
    if (Tail.Begin == Tail.End)
      return {};
    IterationRange R{false, Tail.Begin, Tail.End - 1, true};
    Tail.Begin = Tail.End;
    return R;
  }
  uint64_t Size = grantFrom(Victim->End - Victim->Begin);
  IterationRange R{false, Victim->End - Size, Victim->End - 1, false};
  Victim->End -= Size;
  return R;
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
    case Schedule::Unknown:
      R = Parts.empty() ? nextDynamic() : nextFromParts(Tid);
      break;
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
