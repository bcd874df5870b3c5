//===- team.h - The calling thread's place in a region -----------*- C++ -*-===//
//
// Every thread of a distributed region (the master's, one per worker, and a
// replay thread standing in for a dead worker) knows its region run (seq), its
// thread number and the team size. It counts its worksharing constructs,
// barriers, singles and reductions as events: OpenMP has every thread meet
// them in the same order, so (seq, event) names one construct everywhere.
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_RT_TEAM_H
#define DISTOMP_RT_TEAM_H

#include "distomp/abi.h"

#include <cstdint>
#include <string>
#include <vector>

namespace zmq {
class socket_t;
}

namespace distomp::rt {

class LocalTeam;

struct TeamState {
  bool Active = false;      ///< inside a region started through this runtime
  bool Distributed = false; ///< false: a team of one, run in this process alone
  uint64_t Seq = 0;
  uint32_t Tid = 0, NThreads = 1, Level = 0;
  uint32_t Ws = 0;          ///< index of the next event
  bool Replay = false;      ///< standing in for a dead worker
  int64_t ReplayArriveWs = -1; ///< events before it are done; at it, only arrive
  /// Pages the dead thread committed for that arrival, which may not have
  /// reached the coordinator: announced with the replay's arrival there.
  std::vector<uint64_t> ReplayArrivePages;
  int32_t PushedNumThreads = 0;
  const distomp_region *Region = nullptr; ///< the distributed region running, for messages
  /// The ICVs its threads inherit from the master, sent with the region.
  struct Inherited {
    uint32_t MaxThreads = 0;            ///< nthreads-var (omp_get_max_threads), 0: NThreads
    int32_t SchedKind = 0, SchedChunk = 0; ///< run-sched-var (omp_get_schedule), 0: libomp's
  } Icvs;
  LocalTeam *Local = nullptr; ///< this process's block of the team (not for replays)
  uint32_t Epoch = 0;         ///< barriers passed in this region: races are per epoch
  // The dispatch loop in progress.
  struct {
    uint32_t Ws = 0;
    int32_t Sched = 0;
    uint64_t Trip = 0, Chunk = 0, Lb = 0;
    int64_t St = 1;
    bool Skip = false, LocalDone = false;
    bool Requested = false; ///< the next chunk's request is in flight (chunkSocket)
  } Loop;
};

TeamState &team();

/// Runs this thread's part of region R, its end included (the time in
/// regions is what DISTOMP_STATS splits into user and runtime time).
void runRegionBody(const distomp_region &R, void **Args);

enum class EventMode { Run, Skip, ArriveOnly };

/// Takes the next event index for the calling thread and says what a replay
/// does with it.
EventMode nextEvent(uint32_t &Ws);

/// Whether this process is a worker (its shared memory is a cache).
bool isWorkerProcess();
/// Processes in the job.
uint32_t processCount();
/// The team a region forked from serial code gets: every process's threads.
uint32_t defaultTeamSize();

/// The team size a fork asks for (team_size.cpp): its num_threads clause, or
/// nthreads-var, bounded by OMP_THREAD_LIMIT; the whole job when the program
/// has not asked.
uint32_t requestedTeamSize(int32_t NumThreadsClause);

/// nthreads-var inside the next region: OMP_NUM_THREADS's second entry when
/// it has one (the nested level's), else the same as outside.
uint32_t innerMaxThreads();

/// A release by the calling thread: commits this worker's changes home (or
/// finds the master's own writes) and returns the pages to report written.
/// At a lock while other threads of the process run, that is every page
/// written since the process's last barrier: its threads' reports may reach
/// the coordinator in any order, and each must cover what the others
/// committed before it.
enum class ReleaseAt {
  Barrier,        ///< every thread of the process has stopped
  LockAcquire,    ///< entering a critical section flushes what came before it
  LockRelease,    ///< what was written under the lock (the lock orders it)
  KeptLockRelease ///< the same, by the heartbeat thread while the team's threads run
};
std::vector<uint64_t> releaseWrites(const TeamState &T, uint32_t Tid, uint32_t Ws, ReleaseAt At,
                                    uint64_t *PendingCommit = nullptr);

/// Releases critical section lock Lock (its name) for team thread T:
/// commit, then LockRelease on Socket. OnBehalf: the heartbeat thread
/// releasing a kept lock while the team's threads run (team/kept_locks.h).
void releaseLockFor(const TeamState &T, uint64_t Lock, bool OnBehalf, zmq::socket_t &Socket);

/// Releases the critical sections' locks this process keeps with no thread
/// inside: before this thread waits at a barrier.
void releaseKeptLocks();

/// Release and acquire around a barrier; RegionEnd also ends the region.
enum class BarrierKind { Barrier, RegionEnd };
void distributedBarrier(BarrierKind Kind);

/// Worker: runs one region the coordinator sent (a wire::RunRegion).
void runRegionAsWorker(const void *RunRegionMessage);

/// Master: "region 'name' (file:line)" for the region run Seq in progress.
std::string describeRunningRegion(uint64_t Seq);

/// Master: runs thread Tid of region Seq for a dead worker.
/// Rank: the worker that ran it; Left: it left to restart (no failure).
void startReplay(uint64_t Seq, uint32_t Tid, int64_t ArrivedWs, uint32_t Rank, bool Left);

} // namespace distomp::rt

#endif
