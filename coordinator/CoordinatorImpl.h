//===- CoordinatorImpl.h - The coordinator's state, step by step -*- C++
//-*-===//
//
// Private to the coordinator's files. One ROUTER socket; every message is
// [identity, Message]. Each process has a main socket (join, regions), a
// heartbeat socket (liveness both ways, and the coordinator's notices:
// shutdown, replay), and one socket per thread that asks for chunks,
// barriers and locks. Replies go to the identity that asked.
//
// Each protocol step has a file of its own:
//   Coordinator.cpp   the loop: receiving, checking and dispatching messages
//   Membership.cpp    joins, heartbeats, liveness, deaths and what they free
//   Regions.cpp       starting a region on its team; who may speak for it
//   Barriers.cpp      arrivals, the commits they wait for, releases
//   Worksharing.cpp   chunks of dynamic loops, singles
//   Locks.cpp         critical sections and reductions' locks
//   JobEnd.cpp        goodbyes, the shutdown, the end of a job
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_COORDINATOR_COORDINATORIMPL_H
#define DISTOMP_COORDINATOR_COORDINATORIMPL_H

#include "Coordinator.h"
#include "Directory.h"
#include "LoopScheduler.h"
#include "TeamFormation.h"

#include "log.h"
#include "transport.h"

#include <algorithm>
#include <chrono>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <vector>

namespace distomp::coordinator {

// The protocol's own types, unqualified, in the coordinator's files only.
using namespace distomp::wire;
using SteadyClock = std::chrono::steady_clock;
using FBB = flatbuffers::FlatBufferBuilder;

inline std::string hexIdentity(const std::string &Id) {
  static const char *Digits = "0123456789abcdef";
  std::string S;
  for (unsigned char C : Id) {
    S += Digits[C >> 4];
    S += Digits[C & 15];
  }
  return S;
}

struct Member {
  uint32_t Rank = 0;
  bool IsMaster = false;
  std::string Host, Program, BuildId, MainId, HbId;
  uint32_t Pid = 0;
  uint32_t Threads = 1;       // team threads it runs
  uint64_t Acquires = 0;      // acquires sent to it: it applies them in this order
  // The home applied its commits numbered 1 .. CommitApplied, and those in
  // AppliedLater (they may come out of order: each thread has its socket).
  uint64_t CommitApplied = 0;
  std::set<uint64_t> AppliedLater;
  SteadyClock::time_point LastSeen;
  bool Alive = true, SaidGoodbye = false;
};

struct PendingJoin {
  std::string Id;
  std::string Bytes; // the Join message, verified when it arrived
};

struct BarrierState {
  SyncKind Kind = SyncKind::Barrier;
  std::vector<std::string> Ids;
  std::vector<bool> Arrived;
  bool Released = false;
};

struct LockWaiter {
  std::string Id;
  uint32_t Rank, Tid;
  bool Keep; // may keep the lock after its critical section, until recalled
};

struct LockState {
  bool Held = false;
  uint32_t HolderRank = 0;
  // A holder that may keep the lock is recalled (once, on its process's
  // heartbeat socket) when another thread asks for it; the others release
  // it at the end of their critical section.
  bool HolderKeeps = false, Recalled = false;
  uint64_t Grants = 0; // numbers the grants, for the recalls that name one
  std::deque<LockWaiter> Queue;
};

struct RegionState {
  bool Active = false;
  uint64_t Seq = 0, Id = 0;
  uint32_t InnerMaxThreads = 0; // omp_get_max_threads inside (RegionStart's)
  int32_t RunSchedKind = 0,
          RunSchedChunk = 0;       // run-sched-var (omp_sched_t), 0: the join's
  std::vector<uint32_t> TeamRanks; // tid -> rank running it
  std::vector<bool> Finished;      // reached the region's end
  std::map<uint32_t, BarrierState> Barriers;
  std::map<uint32_t, LoopScheduler> Loops;
  std::map<uint32_t, uint32_t> SingleWinner;
  std::vector<int32_t> ArrivedWs; // per tid: last barrier reached, -1 none
};

struct PendingStart {
  std::string Id;
  std::string Bytes;
};

/// A barrier arrival or a lock release whose commit the home has not yet
/// said it applied.
struct ParkedMessage {
  std::string Id;
  std::string Bytes; // the message, verified when it came
  uint32_t Rank;
  uint64_t Commit;
};

struct Coordinator::Impl {
  Options Opts;
  zmq::socket_t Router;
  std::string Endpoint;
  Counters Count;
  std::map<std::string, uint64_t> MalformedBy;
  std::set<std::string> Ignored;

  // The job.
  std::map<uint32_t, Member> Members;
  std::vector<PendingJoin> WaitingForMaster;
  uint32_t NextRank = 1, ExpectedProcs = 1;
  uint32_t JoinedProcs = 0; // joined once at least, master included; restarts not counted
  uint32_t Restarting = 0;  // workers that left to come back with a fresh address layout
  uint32_t Refused = 0;     // expected workers that will not join (refused, or ended first)
  SteadyClock::time_point WaitForJoinsUntil;
  int32_t RuntimeSched = kSchedStatic;
  int64_t RuntimeChunk = 0;
  SteadyClock::time_point MasterJoined;
  std::string HomeEndpoint;
  uint64_t MasterImageBase = 0;
  std::vector<std::pair<std::string, uint64_t>> MasterObjects; // path, base
  Directory Dir;
  RegionState Region;
  uint64_t NextSeq = 1;
  std::optional<PendingStart> Start;
  bool WarnedShortTeam = false;
  std::map<uint64_t, LockState> Locks;
  std::vector<ParkedMessage> Parked;
  bool ShuttingDown = false, JobOver = false;
  std::vector<FBB> MasterNotices; // for the master's heartbeat socket, not known yet
  std::string ShutdownRequester;

  Impl(zmq::context_t &Ctx, Options O) : Opts(std::move(O)), Router(Ctx, zmq::socket_type::router) {
    configureSocket(Router);
    Router.set(zmq::sockopt::router_mandatory, 0);
    Router.bind(Opts.Listen);
    Endpoint = Router.get(zmq::sockopt::last_endpoint);
    if (!Opts.AlsoListen.empty())
      Router.bind(Opts.AlsoListen);
  }

  Member *master() {
    auto It = Members.find(0);
    return It != Members.end() && It->second.Alive ? &It->second : nullptr;
  }
  Member *member(uint32_t Rank) {
    auto It = Members.find(Rank);
    return It != Members.end() && It->second.Alive ? &It->second : nullptr;
  }
  size_t aliveCount() const {
    size_t N = 0;
    for (const auto &[R, M] : Members)
      N += M.Alive;
    return N;
  }

  void reply(const std::string &Id, const FBB &B);

  void sendShutdown(const std::string &Id, const std::string &Reason, bool Error);

  void resetJob();

  // --- Membership --------------------------------------------------------

  void refuse(const std::string &Id, const std::string &Reason);

  void welcome(const std::string &Id, Member &M);

  /// The member a Join describes, with rank Rank, joining now.
  static Member memberFrom(const Join &J, const std::string &Id, uint32_t Rank);

  void onJoin(const std::string &Id, const Join &J, const std::string &Bytes);

  void onHeartbeat(const std::string &Id, const Heartbeat &H);

  /// The master says a worker it started has ended: dead now if it had
  /// joined, not waited for if it had not.
  void onChildExited(const std::string &Id, const ChildExited &E);

  void sendHeartbeats();

  void checkLiveness();

  /// Worker Rank is gone: Why says how. Left: on purpose (a restart), which
  /// is logged as news rather than as a failure.
  void onDeath(uint32_t Rank, const std::string &Why, bool Left = false);

  /// An acquire by worker Rank: the pages it drops, and the acquire's
  /// number (its threads may receive grants in any order; the process
  /// applies them in this one).
  std::pair<std::vector<uint64_t>, uint64_t> acquireFor(uint32_t Rank);

  // --- Regions -----------------------------------------------------------

  void onRegionStart(const std::string &Id, const std::string &Bytes);

  void maybeStartRegion();

  /// Whether Rank is a member the job declared dead (it stopped answering
  /// and its part runs elsewhere); if so, tells Id so: it stops at once.
  bool fenceIfDead(const std::string &Id, uint32_t Rank);

  /// Whether a team thread's message counts: it names the running region
  /// and a thread of it that its sender, a live member, runs now. A member
  /// declared dead is fenced; anything else is dropped and counted.
  bool fromTeamThread(const std::string &Id, uint64_t Seq, uint32_t Tid, uint32_t Rank);

  void onBarrierArrive(const std::string &Id, const BarrierArrive &A, const zmq::message_t &Frame);

  /// The home applied worker C.rank()'s commit C.commit(): the arrivals
  /// that waited for it count now.
  void onCommitApplied(const std::string &Id, const CommitApplied &C);

  void onChunkRequest(const std::string &Id, const ChunkRequest &C);

  void onSingle(const std::string &Id, const SingleRequest &S);

  void grantLock(uint64_t Lock, LockState &L, const LockWaiter &W);

  void releaseLock(uint64_t Lock, LockState &L);
  void recallLock(uint64_t Lock, LockState &L);
  /// Where a process's notices go (its heartbeat thread); empty if unknown.
  std::string heartbeatSocketOf(uint32_t Rank);

  void onLockRequest(const std::string &Id, const LockRequest &R);

  void onLockRelease(const std::string &Id, const LockRelease &R, const zmq::message_t &Frame);

  /// Whether a message from worker Rank that names Commit must wait for the
  /// home to apply that commit; if so, keeps it (Frame) until then.
  bool parkUntilApplied(const std::string &Id, uint32_t Rank, uint64_t Commit,
                        const zmq::message_t &Frame);

  // --- End of a job ------------------------------------------------------

  void onShutdownRequest(const std::string &Id);

  void onGoodbye(const std::string &Id, const Goodbye &G);

  void maybeFinishShutdown();

  // --- The loop ----------------------------------------------------------

  void dispatch(const std::string &Id, const zmq::message_t &Frame);

  /// Handles one message if one comes within TimeoutMs; false if none came.
  bool serveOne(long TimeoutMs);

  void run(const std::atomic<bool> &Stop);
};

} // namespace distomp::coordinator

#endif
