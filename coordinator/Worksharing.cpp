//===- Worksharing.cpp - Chunks of dynamic loops and singles ----------------===//
#include "CoordinatorImpl.h"

namespace distomp::coordinator {

void Coordinator::Impl::onChunkRequest(const std::string &Id, const ChunkRequest &C) {
  if (!fromTeamThread(Id, C.seq(), C.tid(), C.rank()))
    return;
  auto It = Region.Loops.find(C.ws());
  if (It == Region.Loops.end()) {
    Schedule Kind = classify(C.sched());
    uint64_t Chunk = C.chunk();
    bool Nonmonotonic = C.sched() & kSchedNonmonotonic;
    if (Kind == Schedule::Runtime) {
      // The master's run-sched-var at the region's start (omp_set_schedule
      // may have changed it), else OMP_SCHEDULE as it joined.
      int32_t Sched = RuntimeSched;
      int64_t RunChunk = RuntimeChunk;
      if (Region.RunSchedKind)
        fromOmpSched(Region.RunSchedKind, Region.RunSchedChunk, Sched, RunChunk);
      Kind = classify(Sched);
      Chunk = RunChunk > 0 ? uint64_t(RunChunk) : 0;
      Nonmonotonic = Sched & kSchedNonmonotonic;
    }
    if (Kind == Schedule::Unknown) {
      logf(LogLevel::Warn, "region %llu: unknown schedule %d, running it as dynamic",
           (unsigned long long)C.seq(), C.sched());
      Kind = Schedule::Dynamic;
    }
    It = Region.Loops
             .emplace(C.ws(),
                      LoopScheduler(Kind, C.trip(), Chunk, Region.TeamRanks.size(), Nonmonotonic))
             .first;
  } else if (It->second.trip() != C.trip()) {
    logf(LogLevel::Error,
         "region %llu: thread %u sees loop %u with %llu iterations, others "
         "with %llu",
         (unsigned long long)C.seq(), C.tid(), C.ws(), (unsigned long long)C.trip(),
         (unsigned long long)It->second.trip());
  }
  IterationRange R = It->second.next(C.tid(), C.replay());
  FBB B;
  finish(B, CreateChunkGrant(B, !R.Empty, R.First, R.Last, R.IsLast));
  reply(Id, B);
}

void Coordinator::Impl::onSingle(const std::string &Id, const SingleRequest &S) {
  if (!fromTeamThread(Id, S.seq(), S.tid(), S.rank()))
    return;
  auto [It, New] = Region.SingleWinner.try_emplace(S.ws(), S.tid());
  FBB B;
  finish(B, CreateSingleGrant(B, It->second == S.tid()));
  reply(Id, B);
}

} // namespace distomp::coordinator
