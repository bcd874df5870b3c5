//===- region.cpp - Running parallel regions across processes -------------===//
//
// The master announces a region to the coordinator, which sends it to every
// team member with the pages each must invalidate; each runs the region's
// entry as its thread number, then meets the others at the region's end (a
// release, then an acquire). A region forked inside another, or while
// another thread of the master runs a distributed one, runs here alone as a
// team of one.
//
//===----------------------------------------------------------------------===//
#include "memory/address_space.h"
#include "process/config.h"
#include "process/diag.h"
#include "program/functions.h"
#include "home/home.h"
#include "team/local_team.h"
#include "process/messaging.h"
#include "memory/deferred_updates.h"
#include "memory/page_cache.h"
#include "process/process.h"
#include "program/regions.h"
#include "process/stats.h"
#include "team/kept_locks.h"
#include "team/team.h"
#include "process/threads.h"
#include "process/trace.h"
#include "team/replay_probe.h"

#include "distomp/abi.h"
#include "log.h"

#include <cstdio>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>
#include <vector>

extern "C" {
int omp_in_parallel(void);
void omp_get_schedule(int32_t *kind, int32_t *chunk); // omp_sched_t *kind
int32_t __kmpc_global_thread_num(ident_t *);
typedef void (*kmpc_micro)(int32_t *, int32_t *, ...);
void __kmpc_fork_call(ident_t *loc, int32_t argc, kmpc_micro fn, ...);
void __kmpc_push_num_threads(ident_t *loc, int32_t gtid, int32_t num_threads);
}

namespace distomp::rt {
namespace {

using FBB = flatbuffers::FlatBufferBuilder;

std::mutex DistributedRegion; // one distributed region at a time

/// The region the master is running, for replays.
struct Current {
  const distomp_region *Region = nullptr;
  void **Args = nullptr;
  uint64_t Seq = 0;
  uint32_t NThreads = 0;
  TeamState::Inherited Icvs;
} Running;
std::mutex RunningLock;
uint64_t LastStartedSeq = 0; // the last region run the master has started

/// A replay the coordinator asked for before this master's main thread had
/// the region's RunRegion in hand (a worker can leave that early): it starts
/// with the region.
struct EarlyReplay {
  uint64_t Seq;
  uint32_t Tid;
  int64_t ArrivedWs;
  uint32_t Rank;
  bool Left;
};
std::vector<EarlyReplay> EarlyReplays; // under RunningLock

void launchReplay(const Current &C, const EarlyReplay &E);

/// The ICVs the master sent with the region.
TeamState::Inherited inheritedIcvs(const wire::RunRegion &RR) {
  return {RR.inner_max_threads(), RR.run_sched_kind(), RR.run_sched_chunk()};
}

/// The state of thread Tid of region run Seq with NThreads in its team.
TeamState distributedThread(const distomp_region &R, uint64_t Seq, uint32_t Tid,
                            uint32_t NThreads, TeamState::Inherited Icvs,
                            LocalTeam *Local = nullptr) {
  TeamState T;
  T.Region = &R;
  T.Icvs = Icvs;
  T.Active = T.Distributed = true;
  T.Seq = Seq;
  T.Tid = Tid;
  T.NThreads = NThreads;
  T.Level = 1;
  T.Local = Local;
  return T;
}

/// Runs this process's block of threads of a region (RunRegion's tid,
/// threads, nthreads), each with its own team state.
void runBlock(const wire::RunRegion &RR, const distomp_region &R, void **Args) {
  LocalTeam Block(RR.tid(), std::max(1u, RR.threads()));
  ++stats().Regions;
  uint64_t Seq = RR.seq();
  uint32_t NThreads = RR.nthreads();
  runLocalTeam(Block, [&](uint32_t Tid) {
    TeamState Saved = team();
    team() = distributedThread(R, Seq, Tid, NThreads, inheritedIcvs(RR), &Block);
    runRegionBody(R, Args);
    team() = Saved;
  });
}

void runSerialized(const distomp_region &R, void **Args) {
  TeamState Saved = team();
  TeamState &T = team();
  T = TeamState();
  T.Active = true;
  T.Level = Saved.Level + 1;
  int32_t Gtid = __kmpc_global_thread_num(nullptr), Btid = 0;
  R.entry(&Gtid, &Btid, Args);
  team() = Saved;
}

/// The pages of the region's small globals and those its arguments point to
/// (shared variables clang passes by address), inside the master's shared
/// ranges: watched for the master's own writes (homeWatchPages).
std::vector<uint64_t> watchedPages(const distomp_region &R, void **Args,
                                   const std::vector<AddressRange> &Ranges) {
  std::vector<uint64_t> Pages;
  auto Add = [&](uintptr_t A, uint64_t Size) {
    for (uint64_t P = A >> DISTOMP_PAGE_SHIFT; Size && P <= (A + Size - 1) >> DISTOMP_PAGE_SHIFT;
         ++P)
      if (inAnyRange(Ranges, uintptr_t(P << DISTOMP_PAGE_SHIFT)))
        Pages.push_back(P);
  };
  for (uint64_t I = 0; I < R.num_watch; ++I)
    Add(reinterpret_cast<uintptr_t>(R.watch[I].addr), R.watch[I].size);
  for (uint32_t I = 0; I < R.num_args; ++I)
    Add(reinterpret_cast<uintptr_t>(Args[I]), 1);
  return Pages;
}

void runDistributed(const distomp_region &R, void **Args, int32_t MaxThreads) {
  // What the master printed before the region comes before what workers
  // print in it (they flush at its end), as in one native process.
  std::fflush(stdout);
  std::vector<AddressRange> Ranges = listMasterRanges();
  std::vector<uint64_t> Dirty = homeCollectDirty();
  if (processCount() > 1) {
    homeArmMasterRanges(Ranges);
    homeWatchPages(watchedPages(R, Args, Ranges));
  }
  std::vector<wire::Range> WireRanges;
  for (const AddressRange &A : Ranges)
    WireRanges.emplace_back(A.Begin, A.End);
  // run-sched-var as libomp keeps it (OMP_SCHEDULE, omp_set_schedule).
  int32_t RunKind = 0, RunChunk = 0;
  omp_get_schedule(&RunKind, &RunChunk);
  std::vector<uint64_t> Slots(R.num_args);
  for (uint32_t I = 0; I < R.num_args; ++I)
    Slots[I] = reinterpret_cast<uint64_t>(Args[I]);
  FBB B;
  auto Off = wire::CreateRegionStart(B, R.id, B.CreateVector(Slots),
                                     B.CreateVectorOfStructs(WireRanges), B.CreateVector(Dirty),
                                     MaxThreads > 0 ? uint32_t(MaxThreads) : 0,
                                     innerMaxThreads(), RunKind, RunChunk);
  wire::finish(B, Off);
  Received Run = request(coordinatorSocket(), B, wire::Body::RunRegion, "the region to start");
  const wire::RunRegion *RR = Run.Msg->body_as_RunRegion();
  std::vector<EarlyReplay> Early;
  Current Now{&R, Args, RR->seq(), RR->nthreads(), inheritedIcvs(*RR)};
  {
    std::lock_guard<std::mutex> G(RunningLock);
    Running = Now;
    LastStartedSeq = RR->seq();
    for (const EarlyReplay &E : EarlyReplays)
      if (E.Seq == RR->seq())
        Early.push_back(E);
    EarlyReplays.clear();
  }
  for (const EarlyReplay &E : Early)
    launchReplay(Now, E);
  runBlock(*RR, R, Args);
  std::lock_guard<std::mutex> G(RunningLock);
  Running = Current();
}

} // namespace

TeamState &team() {
  thread_local TeamState T;
  return T;
}

void runRegionBody(const distomp_region &R, void **Args) {
  int32_t Gtid = int32_t(team().Tid), Btid = Gtid;
  uint64_t Start = nowNs();
  TraceSpan Span("region", R.name);
  R.entry(&Gtid, &Btid, Args);
  distributedBarrier(BarrierKind::RegionEnd);
  stats().RegionNs += nowNs() - Start;
}

EventMode nextEvent(uint32_t &Ws) {
  TeamState &T = team();
  Ws = T.Ws++;
  if (!T.Replay || int64_t(Ws) > T.ReplayArriveWs)
    return EventMode::Run;
  if (int64_t(Ws) < T.ReplayArriveWs)
    return EventMode::Skip;
  if (probing())
    probeReachedArrival(); // the part to skip stored nothing shared, read nothing changed
  verifyReplayReads();
  return EventMode::ArriveOnly;
}

std::string describeRunningRegion(uint64_t Seq) {
  std::lock_guard<std::mutex> G(RunningLock);
  if (!Running.Region || Running.Seq != Seq)
    return "a parallel region";
  return describeRegion(*Running.Region);
}

std::vector<uint64_t> releaseWrites(const TeamState &T, uint32_t Tid, uint32_t Ws, ReleaseAt At,
                                    uint64_t *PendingCommit) {
  bool AtBarrier = At == ReleaseAt::Barrier;
  static std::mutex Lock;
  static auto &Unreported = *new std::set<uint64_t>; // since the last barrier
  // A kept lock's release by the heartbeat thread meets the team's threads
  // writing, whatever the team's size.
  bool Shared = !AtBarrier && (othersMayRun() || At == ReleaseAt::KeptLockRelease);
  bool UnderLock = At == ReleaseAt::LockRelease || At == ReleaseAt::KeptLockRelease;
  // Releases on behalf go with their locks' bytes, not this unordered
  // commit. (A probe's child has no heartbeat thread: none is under way.)
  if (!UnderLock && !probing())
    awaitReleasesOnBehalf();
  std::vector<uint64_t> Written;
  if (isWorkerProcess()) {
    flushUpdates(); // kept atomic updates are published with the release
    Written = cacheCommit(T.Seq, Tid, Ws, T.Epoch, !AtBarrier,
                          // With other threads running, a lock's commit holds
                          // their unordered writes too: not checked for races.
                          UnderLock || Shared, Shared ? CommitMode::Shared : CommitMode::Exclusive,
                          PendingCommit);
  } else { // a replay's writes reach the others at its arrivals and releases, as the dead thread's would
    Written = homeCollectDirty(MasterWrites{T.Seq, T.Epoch, !T.Replay && !UnderLock});
  }
  std::lock_guard<std::mutex> G(Lock);
  // While the process keeps a lock its heartbeat thread may release it, on a
  // socket of its own: like a team's threads, each report then repeats the
  // pages written since the barrier, whichever reaches the coordinator first.
  static bool Repeating = false;
  Repeating = Repeating || At == ReleaseAt::KeptLockRelease || keepsLocks();
  if (!Shared && !Repeating && Unreported.empty())
    return Written;
  Unreported.insert(Written.begin(), Written.end());
  std::vector<uint64_t> All(Unreported.begin(), Unreported.end());
  if (AtBarrier) {
    Unreported.clear();
    Repeating = keepsLocks();
  }
  return All;
}

/// One process's arrival at a barrier for its threads FirstTid .. +Count:
/// release (commit, or the master's own writes), wait, acquire.
void arriveForProcess(const TeamState &T, uint32_t Ws, BarrierKind Kind, uint32_t FirstTid,
                      uint32_t Count) {
  std::vector<uint64_t> Written, Fetched;
  bool Worker = isWorkerProcess();
  if (Worker) {
    if (Kind == BarrierKind::RegionEnd) {
      // What the region printed reaches the terminal before the master goes on.
      std::fflush(stdout);
      std::fflush(stderr);
    }
    Fetched = cacheTakeFetched();
  }
  // A worker's commit and its arrival travel at once: the coordinator counts
  // the arrival when the home says the commit is applied (a round trip less).
  uint64_t Pending = 0;
  Written = releaseWrites(T, FirstTid, Ws, ReleaseAt::Barrier, &Pending);
  if (T.Replay && int64_t(Ws) == T.ReplayArriveWs)
    Written.insert(Written.end(), T.ReplayArrivePages.begin(), T.ReplayArrivePages.end());
  FBB B;
  auto Off = wire::CreateBarrierArrive(
      B, T.Seq, FirstTid, Ws,
      Kind == BarrierKind::RegionEnd ? wire::SyncKind::RegionEnd : wire::SyncKind::Barrier,
      B.CreateVector(Fetched), B.CreateVector(Written), T.Replay, Count, workerRank(), Pending);
  wire::finish(B, Off);
  sendMessage(coordinatorSocket(), B);
  if (Worker)
    awaitCommitAcks(); // the home answers before it tells the coordinator
  Received R = awaitMessage(coordinatorSocket(), wire::Body::BarrierRelease, "a barrier", 0);
  if (Worker)
    cacheInvalidate(R.Msg->body_as_BarrierRelease()->invalidate(),
                    R.Msg->body_as_BarrierRelease()->acquire_seq(),
                    /*FetchHot=*/Kind != BarrierKind::RegionEnd);
}

void distributedBarrier(BarrierKind Kind) {
  TeamState &T = team();
  if (!T.Distributed)
    return;
  releaseKeptLocks(); // their next holder may be one this barrier waits for
  uint32_t Ws;
  EventMode Mode = nextEvent(Ws);
  struct NextEpoch {
    TeamState &T;
    ~NextEpoch() { ++T.Epoch; }
  } AfterThis{T};
  if (Mode == EventMode::Skip)
    return;
  RuntimeTimer Timer;
  if (T.Local && T.Local->size() > 1 && !T.Replay) {
    // The process's threads meet first; the last one speaks for all.
    LocalTeam &L = *T.Local;
    L.barrier([&] { arriveForProcess(T, Ws, Kind, L.firstTid(), L.size()); });
    return;
  }
  arriveForProcess(T, Ws, Kind, T.Tid, 1);
}

void runRegionAsWorker(const void *Message) {
  const auto *RR = static_cast<const wire::RunRegion *>(Message);
  const distomp_region *R = findRegion(RR->region_id());
  if (!R)
    fatal("the master started region %016llx, which this executable does not have",
          (unsigned long long)RR->region_id());
  if (RR->ranges()) {
    std::vector<AddressRange> Ranges;
    for (const wire::Range *W : *RR->ranges())
      Ranges.push_back({uintptr_t(W->begin()), uintptr_t(W->end())});
    std::string Conflict;
    if (!adoptMasterRanges(Ranges, Conflict))
      restartWorker(Conflict);
  }
  cacheStartRegion(RR->region_id(), RR->invalidate(), RR->acquire_seq());
  std::vector<void *> Args(R->num_args);
  for (uint32_t I = 0; I < R->num_args && RR->args() && I < RR->args()->size(); ++I)
    Args[I] = reinterpret_cast<void *>(RR->args()->Get(I));
  runBlock(*RR, *R, Args.data());
}

void startReplay(uint64_t Seq, uint32_t Tid, int64_t ArrivedWs, uint32_t Rank, bool Left) {
  EarlyReplay E{Seq, Tid, ArrivedWs, Rank, Left};
  Current C;
  {
    std::lock_guard<std::mutex> G(RunningLock);
    if (Seq > LastStartedSeq) {
      EarlyReplays.push_back(E);
      return;
    }
    C = Running;
  }
  if (!C.Region || C.Seq != Seq) {
    logf(LogLevel::Warn, "asked to replay thread %u of region %llu, which is not running", Tid,
         (unsigned long long)Seq);
    return;
  }
  launchReplay(C, E);
}

namespace {

void launchReplay(const Current &C, const EarlyReplay &E) {
  uint32_t Tid = E.Tid;
  CommitRecord Rec = homeCommitRecord(C.Seq, E.Rank);
  if (Rec.Unrepeatable)
    fatal("the worker running thread %u of %s died after an atomic update or "
          "a critical section had reached the master; running its part again could apply "
          "them twice, so the program stops here",
          Tid, describeRegion(*C.Region).c_str());
  int64_t Arrive = std::max<int64_t>(Rec.BarrierWs, E.ArrivedWs);
  // Its commit at that barrier arrived but perhaps not its arrival, which
  // would have told the others which pages to drop.
  std::vector<uint64_t> ArrivePages;
  if (Rec.BarrierWs == Arrive)
    ArrivePages = std::move(Rec.BarrierPages);
  logf(E.Left ? LogLevel::Info : LogLevel::Warn,
       "running thread %u of %s in the master from event %lld", Tid,
       describeRegion(*C.Region).c_str(), (long long)Arrive);
  startServiceThread("replay", [C, Tid, Arrive, ArrivePages] {
    TeamState &T = team();
    T = distributedThread(*C.Region, C.Seq, Tid, C.NThreads, C.Icvs);
    T.Replay = true;
    T.ReplayArriveWs = Arrive;
    T.ReplayArrivePages = ArrivePages;
    if (Arrive >= 0) {
      std::string Why = probeReplay(*C.Region, C.Args);
      if (!Why.empty())
        fatal("the worker running thread %u of %s died after it had passed event %lld; running "
              "its part again would not be exact (%s), so the program stops here",
              Tid, describeRegion(*C.Region).c_str(), (long long)Arrive, Why.c_str());
    }
    runRegionBody(*C.Region, C.Args);
  }).detach();
}

} // namespace

} // namespace distomp::rt

using namespace distomp::rt;

namespace {

/// Runs the region as clang compiled it, on libomp's team in this process:
/// in a job of one process, where there is nothing to distribute (no
/// message, no check: native speed), and for a region whose code reaches a
/// function without an instrumented version (Why says so, once per region).
void runNative(ident_t *Loc, const distomp_region &R, void **Args, int32_t MaxThreads,
               const std::string &Why) {
  static std::mutex Lock;
  static auto &Said = *new std::set<const distomp_region *>;
  if (Why.empty())
    ++stats().Regions;
  else {
    std::lock_guard<std::mutex> G(Lock);
    if (Said.insert(&R).second)
      distomp::logf(distomp::LogLevel::Warn,
                    "parallel %s runs in the master alone, not distributed: %s",
                    describeRegion(R).c_str(), Why.c_str());
  }
  // The team the program asked for, as a distributed run would form it.
  __kmpc_push_num_threads(Loc, __kmpc_global_thread_num(Loc),
                          int32_t(requestedTeamSize(MaxThreads)));
  if (!R.native_entry) // the pass emits one wherever callees can be missing
    fatal("parallel %s has no native body to fall back on", describeRegion(R).c_str());
  __kmpc_fork_call(Loc, 1, reinterpret_cast<kmpc_micro>(R.native_entry), Args);
}

/// Where a region runs, decided per region descriptor from what its runs
/// took: distributed, or natively on the master's own threads (its memory
/// is current when a region starts: workers hold no uncommitted data
/// between regions, and what the master writes is found at the next
/// distributed start, as after serial code). A region's first run is
/// distributed, its second native; then the faster one, re-measuring the
/// other once the faster has spent ReMeasureAfter times the other's cost
/// since it was last measured: a region that grows is noticed, and the
/// re-measurements cost at most 1/ReMeasureAfter of the time (every power
/// of two of the runs, as before, cost a tiny region's loop a third: 12
/// distributed runs of 0.5 ms among 5,000 native ones of 3 us). A region
/// that runs once, the common big one, stays distributed.
class Placement {
public:
  static constexpr double ReMeasureAfter = 16;
  bool native() const {
    if (!Measured[0])
      return false;
    if (!Measured[1])
      return true;
    bool Due = SinceMeasured >= ReMeasureAfter * Mean[nativeFaster() ? 0 : 1];
    return Due != nativeFaster();
  }
  void record(bool Native, uint64_t Ns) {
    bool Faster = !Measured[0] || !Measured[1] || nativeFaster() == Native;
    double &M = Mean[Native];
    M = Measured[Native] ? (3 * M + double(Ns)) / 4 : double(Ns);
    Measured[Native] = true;
    SinceMeasured = Faster ? SinceMeasured + double(Ns) : 0;
  }

private:
  bool nativeFaster() const { return Mean[1] < Mean[0]; }
  double SinceMeasured = 0; // ns the faster side ran since the slower was measured
  double Mean[2] = {0, 0};  // [0]: distributed, [1]: native; nanoseconds, smoothed
  bool Measured[2] = {false, false};
};

Placement &placementOf(const distomp_region &R) {
  static auto &All = *new std::unordered_map<const distomp_region *, Placement>;
  return All[&R]; // the master's main thread only: one distributed region at a time
}

} // namespace

extern "C" void __distomp_fork_call(ident_t *Loc, const distomp_region *Region, void **Args) {
  checkRegionAbi(*Region);
  TeamState &T = team();
  int32_t MaxThreads = T.PushedNumThreads;
  T.PushedNumThreads = 0;
  if (isWorkerProcess() || T.Active || omp_in_parallel())
    return runSerialized(*Region, Args);
  if (processCount() == 1 && Region->native_entry)
    return runNative(Loc, *Region, Args, MaxThreads, "");
  std::string Why;
  if (!regionCanBeDistributed(*Region, Why))
    return runNative(Loc, *Region, Args, MaxThreads, Why);
  if (!distributedReady())
    return runSerialized(*Region, Args);
  std::unique_lock<std::mutex> One(DistributedRegion, std::try_to_lock);
  if (!One.owns_lock())
    return runSerialized(*Region, Args);
  if (config().AlwaysDistribute || !Region->native_entry)
    return runDistributed(*Region, Args, int32_t(requestedTeamSize(MaxThreads)));
  Placement &P = placementOf(*Region);
  bool Native = P.native();
  uint64_t Start = nowNs();
  if (Native)
    runNative(Loc, *Region, Args, MaxThreads, "");
  else
    runDistributed(*Region, Args, int32_t(requestedTeamSize(MaxThreads)));
  P.record(Native, nowNs() - Start);
}
