//===- sync.cpp - Barriers, critical sections, reductions, single ---------===//
//
// Each construct is a release, an acquire, or both, in home-based release
// consistency: a worker commits its changes home before it lets others see
// them (release) and drops the pages the directory names when it may see
// others' changes (acquire). The master writes home memory directly; at a
// lock release it reports the pages it changed.
//
// Reductions take the critical-section path: each thread combines its
// partial result into the shared variable under one distributed lock, taken
// once per process (its threads combine in turn while it holds it), which
// costs O(processes) messages per loop, whatever its trip count.
//
// A critical section's lock stays with the thread that leaves it (kept):
// entering it again costs no message, no commit and no invalidation while no
// other thread asked for it, since nothing was released through it in
// between. When another thread asks, the coordinator recalls it, and the
// keeper releases it as it would have (commit, then LockRelease) at its next
// entry or exit once it has held it for DISTOMP_LOCK_LEASE_US since the
// grant, or before anything that may wait for others (a barrier, another
// lock). A loop that enters a critical section per iteration then pays a
// handoff per lease, not per entry.
//
//===----------------------------------------------------------------------===//
#include "home/home.h"
#include "memory/page_cache.h"
#include "process/config.h"
#include "process/messaging.h"
#include "process/stats.h"
#include "team/local_team.h"
#include "team/replay_probe.h"
#include "team/team.h"

#include "distomp/abi.h"

extern "C" {
void omp_get_schedule(int32_t *kind, int *chunk); // libomp's (omp_sched_t *kind)
void __kmpc_critical(ident_t *, int32_t, void *);
void __kmpc_end_critical(ident_t *, int32_t, void *);
int32_t __kmpc_global_thread_num(ident_t *);
}

namespace distomp::rt {
namespace {

using FBB = flatbuffers::FlatBufferBuilder;

/// A lock's name: the master's address of its kmp_critical_name (the pass
/// rebased it), the same in every process.
uint64_t lockName(void *Lck) { return reinterpret_cast<uint64_t>(Lck); }

/// This thread's distributed critical sections: how deep it is inside
/// them, whether the outermost one's lock may be kept and since when it is
/// held, and the lock it left but kept (null if none).
struct CriticalState {
  unsigned Depth = 0;
  bool OutermostKeeps = false;
  uint64_t GrantedNs = 0, PolledNs = 0;
  void *Kept = nullptr;
};
thread_local CriticalState Critical;

/// Whether this thread may keep a lock: never while replaying a dead
/// thread's part or probing whether it can be skipped.
bool mayKeep(const TeamState &T) { return !T.Replay && !probing(); }

/// Whether a held lock is to go back now: the lease since its grant is over
/// and another thread asked for it. The socket is read at most every 20 us
/// (each read is a system call; a loop may enter every microsecond).
bool giveBack(void *Lck) {
  uint64_t Now = nowNs();
  if (Now - Critical.GrantedNs < uint64_t(config().LockLeaseUs) * 1000)
    return false;
  if (Now - Critical.PolledNs < 20000)
    return false;
  Critical.PolledNs = Now;
  return lockRecalled(lockName(Lck));
}

/// The release: the commit and the release travel at once, and the thread
/// goes on: the coordinator passes the lock on once the home says the
/// commit is applied, and the home's answer is read with the thread's next
/// request to it.
void sendRelease(TeamState &T, void *Lck) {
  uint64_t Pending = 0;
  std::vector<uint64_t> Written = releaseWrites(T, T.Tid, T.Ws, ReleaseAt::LockRelease, &Pending);
  FBB B;
  wire::finish(B, wire::CreateLockRelease(B, T.Seq, T.Tid, lockName(Lck), B.CreateVector(Written),
                                          workerRank(), Pending));
  sendMessage(coordinatorSocket(), B);
}

/// Commit: entering is a flush, so what this thread wrote goes home first
/// (race-checked, apart from what the lock orders). A reduction's lock does
/// not: its combination follows at once and its release commits both, so
/// nothing of the thread reaches home before the combination does, and a
/// worker lost before that release is replayed exactly (running the loop
/// again recomputes the partial it loses). The writes before a reduction
/// are therefore not checked for races. Keepable: a critical section's
/// lock, which the thread may keep when it leaves (reductions take theirs
/// once per loop).
void acquireLock(ident_t *Loc, void *Lck, bool Commit = true, bool Keepable = false) {
  TeamState &T = team();
  if (!T.Distributed)
    return __kmpc_critical(Loc, __kmpc_global_thread_num(Loc), Lck);
  RuntimeTimer Timer;
  if (Critical.Kept) {
    if (Critical.Kept == Lck && !giveBack(Lck)) {
      Critical.Kept = nullptr; // inside again: nobody held it in between
      ++Critical.Depth;
      ++stats().LocksKept;
      return;
    }
    releaseKeptLock();
  }
  bool Keep = Keepable && Critical.Depth == 0 && mayKeep(T);
  std::vector<uint64_t> Written, Fetched;
  bool Worker = isWorkerProcess();
  if (Worker) {
    // Inside another critical section what the thread wrote is ordered by
    // that one's lock: not checked for races.
    if (Commit)
      Written = releaseWrites(T, T.Tid, T.Ws,
                              Critical.Depth ? ReleaseAt::LockRelease : ReleaseAt::LockAcquire);
    Fetched = cacheTakeFetched();
  }
  FBB B;
  wire::finish(B, wire::CreateLockRequest(B, T.Seq, T.Tid, lockName(Lck), B.CreateVector(Fetched),
                                          B.CreateVector(Written), workerRank(), Keep));
  Received R = request(coordinatorSocket(), B, wire::Body::LockGrant, "a critical section's lock");
  // Recalls read while waiting were meant for an earlier grant.
  forgetRecall(lockName(Lck));
  if (Keepable && Critical.Depth++ == 0) {
    Critical.OutermostKeeps = Keep;
    Critical.GrantedNs = nowNs();
  }
  ++stats().LockGrants;
  if (Worker)
    cacheInvalidate(R.Msg->body_as_LockGrant()->invalidate(),
                    R.Msg->body_as_LockGrant()->acquire_seq());
}

void releaseLock(ident_t *Loc, void *Lck, bool Keepable = false) {
  TeamState &T = team();
  if (!T.Distributed)
    return __kmpc_end_critical(Loc, __kmpc_global_thread_num(Loc), Lck);
  RuntimeTimer Timer;
  if (Keepable && Critical.Depth && --Critical.Depth == 0 && Critical.OutermostKeeps &&
      !giveBack(Lck)) {
    Critical.Kept = Lck;
    return;
  }
  sendRelease(T, Lck);
}

/// The reduction lock clang names may be null (a single-variable reduction
/// it expects done atomically); any fixed name then serves.
void *reductionLock(void *Lck) {
  static int32_t Fallback[8];
  return Lck ? Lck : Fallback;
}

int32_t reduce(ident_t *Loc, void *Lck, bool Blocking) {
  TeamState &T = team();
  if (T.Distributed) {
    // Before the process's threads meet: the one that takes the reduction's
    // lock for them may wait for a thread that waits for this kept lock.
    releaseKeptLock();
    uint32_t Ws;
    if (nextEvent(Ws) != EventMode::Run) {
      // A replay of a reduction the dead thread had completed.
      if (Blocking)
        distributedBarrier(BarrierKind::Barrier);
      return 0;
    }
    if (othersMayRun()) {
      T.Local->enterReduction(Ws, [&] { acquireLock(Loc, reductionLock(Lck), false); });
      return 1;
    }
  }
  acquireLock(Loc, reductionLock(Lck), !T.Distributed);
  return 1; // the caller combines into the shared variables, then ends
}

void endReduce(ident_t *Loc, void *Lck) {
  TeamState &T = team();
  if (T.Distributed && othersMayRun())
    T.Local->leaveReduction([&] { releaseLock(Loc, reductionLock(Lck)); });
  else
    releaseLock(Loc, reductionLock(Lck));
}

} // namespace

void releaseKeptLock() {
  if (!Critical.Kept)
    return;
  void *Lck = Critical.Kept;
  Critical.Kept = nullptr;
  RuntimeTimer Timer;
  sendRelease(team(), Lck);
}

} // namespace distomp::rt

using namespace distomp::rt;
namespace wire = distomp::wire;

extern "C" {

int32_t __distomp_global_thread_num(ident_t *) { return int32_t(team().Tid); }

void __distomp_barrier(ident_t *, int32_t) { distributedBarrier(BarrierKind::Barrier); }

void __distomp_critical(ident_t *Loc, int32_t, void *Lck) { acquireLock(Loc, Lck, true, true); }
void __distomp_critical_with_hint(ident_t *Loc, int32_t, void *Lck, uint32_t) {
  acquireLock(Loc, Lck, true, true);
}
void __distomp_end_critical(ident_t *Loc, int32_t, void *Lck) { releaseLock(Loc, Lck, true); }

int32_t __distomp_reduce(ident_t *Loc, int32_t, int32_t, size_t, void *, void (*)(void *, void *),
                         void *Lck) {
  return reduce(Loc, Lck, true);
}
int32_t __distomp_reduce_nowait(ident_t *Loc, int32_t, int32_t, size_t, void *,
                                void (*)(void *, void *), void *Lck) {
  return reduce(Loc, Lck, false);
}
void __distomp_end_reduce(ident_t *Loc, int32_t, void *Lck) {
  endReduce(Loc, Lck);
  distributedBarrier(BarrierKind::Barrier);
}
void __distomp_end_reduce_nowait(ident_t *Loc, int32_t, void *Lck) {
  endReduce(Loc, Lck);
}

int32_t __distomp_single(ident_t *, int32_t) {
  TeamState &T = team();
  if (!T.Distributed)
    return 1;
  uint32_t Ws;
  if (nextEvent(Ws) != EventMode::Run)
    return 0;
  RuntimeTimer Timer;
  FBB B;
  wire::finish(B, wire::CreateSingleRequest(B, T.Seq, T.Tid, Ws, T.Replay, workerRank()));
  Received R = request(coordinatorSocket(), B, wire::Body::SingleGrant, "a single construct");
  return R.Msg->body_as_SingleGrant()->winner() ? 1 : 0;
}
void __distomp_end_single(ident_t *, int32_t) {}

int32_t __distomp_master(ident_t *, int32_t) { return team().Tid == 0; }
void __distomp_end_master(ident_t *, int32_t) {}
int32_t __distomp_masked(ident_t *, int32_t, int32_t Filter) {
  return int32_t(team().Tid) == Filter;
}
void __distomp_end_masked(ident_t *, int32_t) {}

void __distomp_push_num_threads(ident_t *, int32_t, int32_t N) { team().PushedNumThreads = N; }
void __distomp_push_proc_bind(ident_t *, int32_t, int32_t) {}

// Team queries: the team is every thread of every process of the job,
// numbered by process (the master's first).
int __distomp_omp_get_thread_num(void) { return team().Active ? int(team().Tid) : 0; }
int __distomp_omp_get_num_threads(void) { return team().Active ? int(team().NThreads) : 1; }
int __distomp_omp_get_max_threads(void) {
  // nthreads-var: outside a region, the size the next team gets; inside
  // one, the value its threads inherited (as libomp answers, not the size
  // of the team they are in).
  const TeamState &T = team();
  if (T.Active && T.Distributed)
    return int(T.Icvs.MaxThreads ? T.Icvs.MaxThreads : T.NThreads);
  return int(requestedTeamSize(0));
}
void __distomp_omp_get_schedule(int32_t *Kind, int *Chunk) {
  const TeamState &T = team();
  if (T.Active && T.Distributed && T.Icvs.SchedKind) {
    *Kind = T.Icvs.SchedKind;
    *Chunk = T.Icvs.SchedChunk;
    return;
  }
  omp_get_schedule(Kind, Chunk); // libomp's, in this process
}
int __distomp_omp_in_parallel(void) { return team().Active && team().NThreads > 1; }
int __distomp_omp_get_level(void) { return int(team().Level); }
int __distomp_omp_get_active_level(void) { return team().Active && team().NThreads > 1; }
int __distomp_omp_get_team_size(int Level) {
  if (Level == 0)
    return 1;
  return Level == int(team().Level) ? int(team().NThreads) : (Level > 0 && Level < int(team().Level) ? 1 : -1);
}
int __distomp_omp_get_ancestor_thread_num(int Level) {
  if (Level == 0)
    return 0;
  return Level == int(team().Level) ? int(team().Tid) : (Level > 0 && Level < int(team().Level) ? 0 : -1);
}

} // extern "C"
