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
// A critical section's lock stays with the process that used it last until
// another asks (team/kept_locks.h): entering it again costs nothing.
//
//===----------------------------------------------------------------------===//
#include "home/home.h"
#include "memory/page_cache.h"
#include "process/messaging.h"
#include "process/stats.h"
#include "team/kept_locks.h"
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

/// Distributed critical sections this thread is inside: only the outermost
/// one's lock may be kept.
thread_local unsigned CriticalDepth = 0;

/// Whether this thread may keep a lock or enter a kept one: never while
/// replaying a dead thread's part or probing whether it can be skipped.
bool mayKeep(const TeamState &T) { return !T.Replay && !probing(); }

/// Commit: entering is a flush, so what this thread wrote goes home first
/// (race-checked, apart from what the lock orders). A reduction's lock does
/// not: its combination follows at once and its release commits both, so
/// nothing of the thread reaches home before the combination does, and a
/// worker lost before that release is replayed exactly (running the loop
/// again recomputes the partial it loses). The writes before a reduction
/// are therefore not checked for races. Keepable: a critical section's
/// lock, which the process may keep when the thread leaves (reductions take
/// theirs once per loop).
void acquireLock(ident_t *Loc, void *Lck, bool Commit = true, bool Keepable = false) {
  TeamState &T = team();
  if (!T.Distributed)
    return __kmpc_critical(Loc, __kmpc_global_thread_num(Loc), Lck);
  RuntimeTimer Timer;
  bool Keep = Keepable && CriticalDepth == 0 && mayKeep(T);
  if (Keep && enterKeptLock(lockName(Lck), coordinatorSocket())) {
    ++CriticalDepth; // nothing was released through it since this process had it
    return;
  }
  std::vector<uint64_t> Written, Fetched;
  bool Worker = isWorkerProcess();
  if (Worker) {
    // Inside another critical section, or with a lock kept (its release
    // is yet to come), what the process wrote may be ordered by that lock:
    // not checked for races.
    bool Ordered = CriticalDepth || keepsLocks();
    if (Commit)
      Written =
          releaseWrites(T, T.Tid, T.Ws, Ordered ? ReleaseAt::LockRelease : ReleaseAt::LockAcquire);
    Fetched = cacheTakeFetched();
  }
  FBB B;
  wire::finish(B, wire::CreateLockRequest(B, T.Seq, T.Tid, lockName(Lck), B.CreateVector(Fetched),
                                          B.CreateVector(Written), workerRank(), Keep));
  uint64_t AskedAt = nowNs();
  Received R = request(coordinatorSocket(), B, wire::Body::LockGrant, "a critical section's lock");
  const wire::LockGrant *G = R.Msg->body_as_LockGrant();
  if (Keepable)
    ++CriticalDepth;
  if (Keep && G->keep())
    grantedKeepable(lockName(Lck), G->grant(), AskedAt);
  ++stats().LockGrants;
  if (Worker)
    cacheInvalidate(G->invalidate(), G->acquire_seq());
}

void releaseLock(ident_t *Loc, void *Lck, bool Keepable = false) {
  TeamState &T = team();
  if (!T.Distributed)
    return __kmpc_end_critical(Loc, __kmpc_global_thread_num(Loc), Lck);
  RuntimeTimer Timer;
  if (Keepable && CriticalDepth)
    --CriticalDepth;
  if (Keepable && CriticalDepth == 0 && leaveKeptLock(lockName(Lck), T))
    return;
  releaseLockFor(T, lockName(Lck), /*OnBehalf=*/false, coordinatorSocket());
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

void releaseLockFor(const TeamState &T, uint64_t Lock, bool OnBehalf, zmq::socket_t &Socket) {
  // The commit and the release travel at once, and the thread goes on: the
  // coordinator passes the lock on once the home says the commit is applied,
  // and the home's answer is read with the thread's next request to it.
  uint64_t Pending = 0;
  std::vector<uint64_t> Written = releaseWrites(
      T, T.Tid, T.Ws, OnBehalf ? ReleaseAt::KeptLockRelease : ReleaseAt::LockRelease, &Pending);
  FBB B;
  wire::finish(B, wire::CreateLockRelease(B, T.Seq, T.Tid, Lock, B.CreateVector(Written),
                                          workerRank(), Pending));
  sendMessage(Socket, B);
  if (OnBehalf && isWorkerProcess())
    awaitCommitAcks(); // the heartbeat thread's own, read now
}

void releaseKeptLocks() {
  std::vector<uint64_t> Locks = takeKeptLocks();
  if (Locks.empty())
    return;
  RuntimeTimer Timer;
  for (uint64_t Lock : Locks)
    releaseLockFor(team(), Lock, false, coordinatorSocket());
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
