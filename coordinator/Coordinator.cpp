//===- Coordinator.cpp - Membership, regions, chunks, locks, directory ----===//
//
// One ROUTER socket; every message is [identity, Message]. Each process has a
// main socket (join, regions), a heartbeat socket (liveness both ways, and
// the coordinator's notices: shutdown, replay), and one socket per thread that
// asks for chunks, barriers and locks. Replies go to the identity that asked.
//
//===----------------------------------------------------------------------===//
#include "Coordinator.h"
#include "TeamFormation.h"
#include "Directory.h"
#include "LoopScheduler.h"

#include "log.h"
#include "transport.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

namespace distomp::coordinator {
namespace {

using namespace distomp::wire;
using SteadyClock = std::chrono::steady_clock;
using FBB = flatbuffers::FlatBufferBuilder;

std::string hexIdentity(const std::string &Id) {
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
  uint32_t Threads = 1; // team threads it runs
  uint64_t Acquires = 0; // acquires sent to it: it applies them in this order
  uint64_t CommitApplied = 0; // the home applied its commits numbered up to this
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
};

struct LockState {
  bool Held = false;
  uint32_t HolderRank = 0;
  std::deque<LockWaiter> Queue;
};

struct RegionState {
  bool Active = false;
  uint64_t Seq = 0, Id = 0;
  uint32_t InnerMaxThreads = 0;    // omp_get_max_threads inside (RegionStart's)
  int32_t RunSchedKind = 0, RunSchedChunk = 0; // run-sched-var (omp_sched_t), 0: the join's
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

/// A barrier arrival whose commit the home has not yet said it applied.
struct ParkedArrival {
  std::string Id;
  std::string Bytes; // the BarrierArrive message, verified when it came
  uint32_t Rank;
  uint64_t Commit;
};

} // namespace

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
  std::vector<ParkedArrival> Parked;
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

  void reply(const std::string &Id, const FBB &B) {
    zmq::message_t IdMsg(Id.data(), Id.size());
    try {
      sendTo(Router, IdMsg, B);
      ++Count.Sent;
    } catch (const zmq::error_t &E) {
      logf(LogLevel::Warn, "could not send to %s: %s", hexIdentity(Id).c_str(), E.what());
    }
  }

  void sendShutdown(const std::string &Id, const std::string &Reason, bool Error) {
    FBB B;
    finish(B, CreateShutdown(B, B.CreateString(Reason), Error));
    reply(Id, B);
  }

  void resetJob() {
    Members.clear();
    WaitingForMaster.clear();
    MasterNotices.clear();
    NextRank = 1;
    ExpectedProcs = 1;
    JoinedProcs = 0;
    Restarting = 0;
    Refused = 0;
    Dir = Directory();
    Region = RegionState();
    Start.reset();
    Locks.clear();
    Parked.clear();
    ShuttingDown = false;
    WarnedShortTeam = false;
  }

  // --- Membership --------------------------------------------------------

  void refuse(const std::string &Id, const std::string &Reason) {
    logf(LogLevel::Error, "refused a process: %s", Reason.c_str());
    FBB B;
    finish(B, CreateRefuse(B, B.CreateString(Reason)));
    reply(Id, B);
  }

  void welcome(const std::string &Id, Member &M) {
    FBB B;
    std::vector<flatbuffers::Offset<LoadedObject>> Objects;
    for (const auto &[Path, Base] : MasterObjects)
      Objects.push_back(CreateLoadedObject(B, B.CreateString(Path), Base));
    auto ObjectsOff = B.CreateVector(Objects);
    finish(B, CreateWelcome(B, M.Rank, B.CreateString(HomeEndpoint), MasterImageBase,
                            Opts.HeartbeatMs, Opts.LivenessMs, ObjectsOff));
    reply(Id, B);
  }

  /// The member a Join describes, with rank Rank, joining now.
  static Member memberFrom(const Join &J, const std::string &Id, uint32_t Rank) {
    Member M;
    M.Rank = Rank;
    M.Host = toString(J.host());
    M.Program = toString(J.program());
    M.BuildId = toString(J.build_id());
    M.Pid = J.pid();
    M.MainId = Id;
    M.Threads = std::max(1u, J.threads());
    M.LastSeen = SteadyClock::now();
    return M;
  }

  void onJoin(const std::string &Id, const Join &J, const std::string &Bytes) {
    if (J.protocol() != kProtocolVersion)
      return refuse(Id, "protocol version " + std::to_string(J.protocol()) + " of pid " +
                            std::to_string(J.pid()) + " differs from the coordinator's " +
                            std::to_string(kProtocolVersion) + ": use one DistOMP installation");
    if (J.role() == Role::Master) {
      if (Member *M = master())
        return refuse(Id, "a job is already running here (master pid " + std::to_string(M->Pid) +
                              " on " + M->Host + "); start another coordinator");
      std::vector<PendingJoin> Waiting;
      Waiting.swap(WaitingForMaster); // workers that came first
      resetJob();
      Member M = memberFrom(J, Id, 0);
      M.IsMaster = true;
      MasterJoined = M.LastSeen;
      WaitForJoinsUntil = MasterJoined + std::chrono::milliseconds(Opts.JoinTimeoutMs);
      JoinedProcs = 1;
      HomeEndpoint = toString(J.home_endpoint());
      MasterImageBase = J.image_base();
      MasterObjects.clear();
      if (J.objects())
        for (const LoadedObject *O : *J.objects())
          MasterObjects.emplace_back(toString(O->path()), O->base());
      ExpectedProcs = J.expected_procs() ? J.expected_procs() : 1;
      RuntimeSched = J.runtime_sched();
      RuntimeChunk = J.runtime_chunk();
      Members[0] = M;
      logf(LogLevel::Info, "master joined: %s pid %u on %s, %u process(es) expected, home %s",
           M.Program.c_str(), M.Pid, M.Host.c_str(), ExpectedProcs, HomeEndpoint.c_str());
      welcome(Id, Members[0]);
      for (const PendingJoin &W : Waiting)
        if (const Join *WJ = decodeAs<Join>(W.Bytes.data(), W.Bytes.size(), nullptr))
          onJoin(W.Id, *WJ, W.Bytes);
      return;
    }
    Member *Master = master();
    if (!Master) {
      WaitingForMaster.push_back({Id, Bytes});
      logf(LogLevel::Info, "worker pid %u on %s waits for a master", J.pid(),
           toString(J.host()).c_str());
      return;
    }
    if (toString(J.build_id()) != Master->BuildId) {
      ++Refused; // the job runs without it rather than waiting out the join timeout
      refuse(Id, "worker pid " + std::to_string(J.pid()) + " on " + toString(J.host()) +
                     " runs a different executable than the master (build-id " +
                     toString(J.build_id()) + ", master's " + Master->BuildId +
                     "): start every process from the same binary");
      return;
    }
    Member M = memberFrom(J, Id, NextRank++);
    Members[M.Rank] = M;
    if (J.restarted() && Restarting > 0)
      --Restarting;
    else
      ++JoinedProcs;
    logf(LogLevel::Info, "worker %u joined%s: pid %u on %s (%zu of %u)", M.Rank,
         J.restarted() ? " again after restarting" : "", M.Pid, M.Host.c_str(), aliveCount(),
         ExpectedProcs);
    welcome(Id, Members[M.Rank]);
  }

  void onHeartbeat(const std::string &Id, const Heartbeat &H) {
    Member *M = member(H.rank());
    if (!M) {
      if (!fenceIfDead(Id, H.rank()))
        ++Count.Unexpected;
      return;
    }
    bool FirstBeat = M->HbId.empty();
    M->HbId = Id;
    M->LastSeen = SteadyClock::now();
    if (FirstBeat && H.rank() == 0) {
      for (const FBB &Notice : MasterNotices)
        reply(Id, Notice);
      MasterNotices.clear();
    }
    // A worker whose first heartbeat comes after the master asked to end
    // missed the Shutdown sent to the others: it gets its own now.
    if (FirstBeat && ShuttingDown && H.rank() != 0 && M->Alive)
      sendShutdown(Id, "", false);
  }

  /// The master says a worker it started has ended: dead now if it had
  /// joined, not waited for if it had not.
  void onChildExited(const std::string &Id, const ChildExited &E) {
    Member *Ms = master();
    if (!Ms || Id != Ms->HbId) {
      ++Count.Unexpected;
      return;
    }
    std::string How = E.signal() ? "was killed by signal " + std::to_string(E.signal())
                                 : "exited with status " + std::to_string(E.status());
    for (auto &[Rank, M] : Members)
      if (Rank != 0 && M.Pid == E.pid() && M.Alive) {
        onDeath(Rank, How);
        return;
      }
    for (const auto &[Rank, M] : Members)
      if (M.Pid == E.pid())
        return; // it had left or been declared dead already
    if (ShuttingDown)
      return;
    ++Refused;
    logf(LogLevel::Error, "a worker the master started (pid %u) %s before it joined; the job "
                          "runs without it",
         E.pid(), How.c_str());
  }

  void sendHeartbeats() {
    FBB B;
    finish(B, CreateHeartbeat(B, 0));
    for (auto &[Rank, M] : Members)
      if (M.Alive && !M.HbId.empty())
        reply(M.HbId, B);
  }

  void checkLiveness() {
    auto Now = SteadyClock::now();
    std::vector<uint32_t> Dead;
    for (auto &[Rank, M] : Members)
      if (M.Alive && Now - M.LastSeen > std::chrono::milliseconds(Opts.LivenessMs))
        Dead.push_back(Rank);
    for (uint32_t R : Dead)
      onDeath(R, "stopped answering for " + std::to_string(Opts.LivenessMs) + " ms");
  }

  /// Worker Rank is gone: Why says how. Left: on purpose (a restart), which
  /// is logged as news rather than as a failure.
  void onDeath(uint32_t Rank, const std::string &Why, bool Left = false) {
    auto Found = Members.find(Rank);
    if (Found == Members.end())
      return; // never a member: nothing to name or replay
    Member &M = Found->second;
    M.Alive = false;
    ++(Left ? Count.Restarts : Count.DeadProcesses);
    Dir.forget(Rank);
    // An arrival whose commit never came home never counts: the replay
    // redoes that part.
    Parked.erase(std::remove_if(Parked.begin(), Parked.end(),
                                [&](const ParkedArrival &P) { return P.Rank == Rank; }),
                 Parked.end());
    if (Rank == 0) {
      logf(LogLevel::Error, "the master (pid %u on %s) %s: ending the job", M.Pid,
           M.Host.c_str(), Why.c_str());
      for (auto &[R, W] : Members)
        if (W.Alive && !W.HbId.empty())
          sendShutdown(W.HbId, "the master (pid " + std::to_string(M.Pid) + " on " + M.Host +
                                   ") was lost", true);
      resetJob();
      JobOver = true;
      return;
    }
    if (ShuttingDown) {
      maybeFinishShutdown();
      return;
    }
    LogLevel Level = Left ? LogLevel::Info : LogLevel::Warn;
    logf(Level, "worker %u (pid %u on %s) %s", Rank, M.Pid, M.Host.c_str(), Why.c_str());
    // Locks it held are free again; what it did under them was never
    // committed, and the replay runs it again.
    for (auto &[Lock, L] : Locks) {
      L.Queue.erase(std::remove_if(L.Queue.begin(), L.Queue.end(),
                                   [&](const LockWaiter &W) { return W.Rank == Rank; }),
                    L.Queue.end());
      if (L.Held && L.HolderRank == Rank)
        releaseLock(Lock, L);
    }
    if (!Region.Active)
      return;
    for (uint32_t Tid = 0; Tid < Region.TeamRanks.size(); ++Tid) {
      if (Region.TeamRanks[Tid] != Rank || Region.Finished[Tid])
        continue;
      Region.TeamRanks[Tid] = 0; // the master runs it from now on
      ++Count.Replays;
      logf(Level, "region %llu: thread %u moves to the master, which replays what worker %u "
                  "had not committed",
           (unsigned long long)Region.Seq, Tid, Rank);
      if (Member *Ms = master()) {
        // Notices go to the master's heartbeat socket, which its threads do
        // not wait on; in a job younger than a heartbeat it may not be known.
        FBB B;
        finish(B, CreateReplay(B, Region.Seq, Tid, Region.ArrivedWs[Tid], Rank, Left));
        if (Ms->HbId.empty())
          MasterNotices.push_back(std::move(B));
        else
          reply(Ms->HbId, B);
      }
    }
  }

  /// An acquire by worker Rank: the pages it drops, and the acquire's
  /// number (its threads may receive grants in any order; the process
  /// applies them in this one).
  std::pair<std::vector<uint64_t>, uint64_t> acquireFor(uint32_t Rank) {
    Member *M = member(Rank);
    if (!Rank || !M)
      return {{}, 0};
    return {Dir.acquire(Rank, M->Threads > 1), ++M->Acquires};
  }

  // --- Regions -----------------------------------------------------------

  void onRegionStart(const std::string &Id, const std::string &Bytes) {
    Member *Ms = master();
    if (!Ms || Id != Ms->MainId || Region.Active || Start) {
      ++Count.Unexpected;
      logf(LogLevel::Warn, "dropped a region start from %s: %s", hexIdentity(Id).c_str(),
           Region.Active ? "a region is running" : "not the master");
      return;
    }
    Start = PendingStart{Id, Bytes};
    maybeStartRegion();
  }

  void maybeStartRegion() {
    if (!Start)
      return;
    // A team waits for processes that have not joined yet and for restarting
    // ones, within the join timeout; not for dead ones.
    uint32_t Settled = JoinedProcs + Refused;
    uint32_t NotYet = (ExpectedProcs > Settled ? ExpectedProcs - Settled : 0) + Restarting;
    bool Deadline = SteadyClock::now() > WaitForJoinsUntil;
    if (NotYet && !Deadline)
      return;
    if (NotYet && !WarnedShortTeam) {
      WarnedShortTeam = true;
      logf(LogLevel::Warn, "%u process(es) of %u did not join within %u ms; running with the "
                           "%zu there",
           NotYet, ExpectedProcs, Opts.JoinTimeoutMs, aliveCount());
    }
    PendingStart S = std::move(*Start);
    Start.reset();
    const RegionStart *RS = decodeAs<RegionStart>(S.Bytes.data(), S.Bytes.size(), nullptr);
    if (!RS)
      return;
    Region = RegionState();
    Region.Active = true;
    Region.Seq = NextSeq++;
    Region.Id = RS->region_id();
    Region.InnerMaxThreads = RS->inner_max_threads();
    Region.RunSchedKind = RS->run_sched_kind();
    Region.RunSchedChunk = RS->run_sched_chunk();
    // Thread numbers by process: the master's first, then each worker's,
    // so every process runs a contiguous block of them (TeamFormation.h).
    std::vector<std::pair<uint32_t, uint32_t>> Live;
    for (auto &[Rank, M] : Members)
      if (M.Alive)
        Live.emplace_back(Rank, M.Threads);
    Region.TeamRanks = formTeam(Live, RS->max_threads());
    uint32_t N = Region.TeamRanks.size();
    Region.Finished.assign(N, false);
    Region.ArrivedWs.assign(N, -1);
    ++Count.Regions;
    Dir.recordWrites(toVector(RS->dirty()), 0);
    std::vector<uint64_t> Args = toVector(RS->args());
    std::vector<Range> Ranges;
    if (RS->ranges())
      for (const Range *R : *RS->ranges())
        Ranges.push_back(*R);
    logf(LogLevel::Info, "region %llu (%016llx): %u thread(s), %zu argument(s), %zu range(s)",
         (unsigned long long)Region.Seq, (unsigned long long)Region.Id, N, Args.size(),
         Ranges.size());
    for (uint32_t Tid = 0; Tid < N;) {
      uint32_t Rank = Region.TeamRanks[Tid], Block = 1;
      while (Tid + Block < N && Region.TeamRanks[Tid + Block] == Rank)
        ++Block;
      auto [Inval, AcqSeq] = acquireFor(Rank);
      FBB B;
      auto Off = CreateRunRegion(B, Region.Seq, Region.Id, B.CreateVector(Args),
                                 B.CreateVectorOfStructs(Ranges), B.CreateVector(Inval), Tid, N,
                                 Block, AcqSeq, Region.InnerMaxThreads, Region.RunSchedKind,
                                 Region.RunSchedChunk);
      finish(B, Off);
      reply(Rank ? Members[Rank].MainId : S.Id, B);
      Tid += Block;
    }
  }

  /// Whether Rank is a member the job declared dead (it stopped answering
  /// and its part runs elsewhere); if so, tells Id so: it stops at once.
  bool fenceIfDead(const std::string &Id, uint32_t Rank) {
    auto It = Members.find(Rank);
    if (It == Members.end() || It->second.Alive || It->second.SaidGoodbye)
      return false;
    ++Count.Fenced;
    FBB B;
    finish(B, CreateFenced(B, B.CreateString("the job declared it dead (it stopped answering "
                                              "for " + std::to_string(Opts.LivenessMs) +
                                              " ms) and runs its part elsewhere")));
    reply(Id, B);
    return true;
  }

  /// Whether a team thread's message counts: it names the running region
  /// and a thread of it that its sender, a live member, runs now. A member
  /// declared dead is fenced; anything else is dropped and counted.
  bool fromTeamThread(const std::string &Id, uint64_t Seq, uint32_t Tid, uint32_t Rank) {
    if (fenceIfDead(Id, Rank))
      return false;
    if (Region.Active && Seq == Region.Seq && Tid < Region.TeamRanks.size() &&
        Region.TeamRanks[Tid] == Rank && (Rank == 0 ? master() : member(Rank)))
      return true;
    ++Count.Unexpected;
    logf(LogLevel::Debug, "dropped a message of process %u for region %llu thread %u", Rank,
         (unsigned long long)Seq, Tid);
    return false;
  }

  void onBarrierArrive(const std::string &Id, const BarrierArrive &A, const zmq::message_t &Frame) {
    if (!fromTeamThread(Id, A.seq(), A.tid(), A.rank()))
      return;
    uint32_t Tid = A.tid(), Rank = Region.TeamRanks[Tid], N = Region.TeamRanks.size();
    if (Rank && A.commit() > member(Rank)->CommitApplied) {
      // Its commit went home at the same time; the others may read what it
      // wrote only once it is applied.
      Parked.push_back({Id, std::string(static_cast<const char *>(Frame.data()), Frame.size()),
                        Rank, A.commit()});
      return;
    }
    uint32_t Block = std::max(1u, A.threads());
    // One process arrives for a block of its own threads, never beyond.
    for (uint32_t T = Tid; T < Tid + Block; ++T)
      if (T >= N || Region.TeamRanks[T] != Rank) {
        ++Count.Unexpected;
        logf(LogLevel::Warn, "dropped a barrier arrival for threads %u..%u: not one process's",
             Tid, Tid + Block - 1);
        return;
      }
    if (Rank)
      Dir.recordFetched(Rank, toVector(A.fetched()));
    Dir.recordWrites(toVector(A.written()), Rank);
    // Arriving at barrier ws commits what the threads ran in the loops before
    // it. Not later loops: a replay passing a barrier its dead thread had
    // passed may already hold that thread's uncommitted chunks of a later
    // loop, which it must run again.
    for (auto &[Ws, Loop] : Region.Loops)
      if (Ws < A.ws())
        for (uint32_t T = Tid; T < Tid + Block; ++T)
          Loop.commit(T);
    BarrierState &B = Region.Barriers[A.ws()];
    if (B.Arrived.empty()) {
      B.Kind = A.kind();
      B.Ids.assign(N, std::string());
      B.Arrived.assign(N, false);
    }
    if (B.Released) { // a replay passing a barrier the team already left
      FBB Reply;
      finish(Reply, CreateBarrierRelease(Reply, A.seq(), A.ws(), Reply.CreateVector(std::vector<uint64_t>())));
      reply(Id, Reply);
      return;
    }
    B.Ids[Tid] = Id; // the others of the block wait in their process
    for (uint32_t T = Tid; T < Tid + Block; ++T) {
      B.Arrived[T] = true;
      Region.ArrivedWs[T] = std::max<int32_t>(Region.ArrivedWs[T], int32_t(A.ws()));
      if (A.kind() == SyncKind::RegionEnd)
        Region.Finished[T] = true;
    }
    for (bool Has : B.Arrived)
      if (!Has)
        return;
    B.Released = true;
    ++Count.Barriers;
    for (uint32_t T = 0; T < N; ++T) {
      uint32_t R = Region.TeamRanks[T];
      if (B.Ids[T].empty() || (R && !member(R)))
        continue;
      auto [Inval, AcqSeq] = acquireFor(R);
      FBB Reply;
      finish(Reply, CreateBarrierRelease(Reply, A.seq(), A.ws(), Reply.CreateVector(Inval), AcqSeq));
      reply(B.Ids[T], Reply);
    }
    if (B.Kind == SyncKind::RegionEnd) {
      logf(LogLevel::Info, "region %llu done", (unsigned long long)Region.Seq);
      uint64_t Chunks = 0;
      for (auto &[Ws, Loop] : Region.Loops)
        Chunks += Loop.chunksGranted();
      Count.ChunksGranted += Chunks;
      Region = RegionState();
    }
  }

  /// The home applied worker C.rank()'s commit C.commit(): the arrivals
  /// that waited for it count now.
  void onCommitApplied(const std::string &Id, const CommitApplied &C) {
    Member *M = C.rank() ? member(C.rank()) : nullptr;
    if (!M) {
      ++Count.Unexpected;
      logf(LogLevel::Debug, "dropped a commit notice for process %u from %s", C.rank(),
           hexIdentity(Id).c_str());
      return;
    }
    M->CommitApplied = std::max(M->CommitApplied, C.commit());
    std::vector<ParkedArrival> Ready;
    for (auto It = Parked.begin(); It != Parked.end();)
      if (It->Rank == C.rank() && It->Commit <= M->CommitApplied) {
        Ready.push_back(std::move(*It));
        It = Parked.erase(It);
      } else {
        ++It;
      }
    for (const ParkedArrival &P : Ready) {
      zmq::message_t Frame(P.Bytes.data(), P.Bytes.size());
      onBarrierArrive(P.Id, *GetMessage(Frame.data())->body_as_BarrierArrive(), Frame);
    }
  }

  void onChunkRequest(const std::string &Id, const ChunkRequest &C) {
    if (!fromTeamThread(Id, C.seq(), C.tid(), C.rank()))
      return;
    auto It = Region.Loops.find(C.ws());
    if (It == Region.Loops.end()) {
      Schedule Kind = classify(C.sched());
      uint64_t Chunk = C.chunk();
      if (Kind == Schedule::Runtime) {
        // The master's run-sched-var at the region's start (omp_set_schedule
        // may have changed it), else OMP_SCHEDULE as it joined.
        int32_t Sched = RuntimeSched;
        int64_t RunChunk = RuntimeChunk;
        if (Region.RunSchedKind)
          fromOmpSched(Region.RunSchedKind, Region.RunSchedChunk, Sched, RunChunk);
        Kind = classify(Sched);
        Chunk = RunChunk > 0 ? uint64_t(RunChunk) : 0;
      }
      if (Kind == Schedule::Unknown) {
        logf(LogLevel::Warn, "region %llu: unknown schedule %d, running it as dynamic",
             (unsigned long long)C.seq(), C.sched());
        Kind = Schedule::Dynamic;
      }
      It = Region.Loops.emplace(C.ws(), LoopScheduler(Kind, C.trip(), Chunk,
                                                      Region.TeamRanks.size())).first;
    } else if (It->second.trip() != C.trip()) {
      logf(LogLevel::Error, "region %llu: thread %u sees loop %u with %llu iterations, others "
                            "with %llu",
           (unsigned long long)C.seq(), C.tid(), C.ws(), (unsigned long long)C.trip(),
           (unsigned long long)It->second.trip());
    }
    IterationRange R = It->second.next(C.tid(), C.replay());
    FBB B;
    finish(B, CreateChunkGrant(B, !R.Empty, R.First, R.Last, R.IsLast));
    reply(Id, B);
  }

  void onSingle(const std::string &Id, const SingleRequest &S) {
    if (!fromTeamThread(Id, S.seq(), S.tid(), S.rank()))
      return;
    auto [It, New] = Region.SingleWinner.try_emplace(S.ws(), S.tid());
    FBB B;
    finish(B, CreateSingleGrant(B, It->second == S.tid()));
    reply(Id, B);
  }

  void grantLock(uint64_t Lock, LockState &L, const LockWaiter &W) {
    L.Held = true;
    L.HolderRank = W.Rank;
    ++Count.LockGrants;
    auto [Inval, AcqSeq] = acquireFor(W.Rank);
    FBB B;
    finish(B, CreateLockGrant(B, Lock, B.CreateVector(Inval), AcqSeq));
    reply(W.Id, B);
  }

  void releaseLock(uint64_t Lock, LockState &L) {
    L.Held = false;
    while (!L.Queue.empty()) {
      LockWaiter W = L.Queue.front();
      L.Queue.pop_front();
      if (W.Rank == 0 || member(W.Rank)) {
        grantLock(Lock, L, W);
        return;
      }
    }
  }

  void onLockRequest(const std::string &Id, const LockRequest &R) {
    if (!fromTeamThread(Id, R.seq(), R.tid(), R.rank()))
      return;
    uint32_t Rank = R.rank();
    if (Rank) {
      Dir.recordFetched(Rank, toVector(R.fetched()));
      Dir.recordWrites(toVector(R.written()), Rank);
    }
    LockState &L = Locks[R.lock()];
    LockWaiter W{Id, Rank, R.tid()};
    if (L.Held)
      L.Queue.push_back(W);
    else
      grantLock(R.lock(), L, W);
  }

  void onLockRelease(const std::string &Id, const LockRelease &R) {
    if (!fromTeamThread(Id, R.seq(), R.tid(), R.rank()))
      return;
    uint32_t Rank = R.rank();
    Dir.recordWrites(toVector(R.written()), Rank);
    auto It = Locks.find(R.lock());
    if (It == Locks.end() || !It->second.Held) {
      ++Count.Unexpected;
      return;
    }
    releaseLock(R.lock(), It->second);
  }

  // --- End of a job ------------------------------------------------------

  void onShutdownRequest(const std::string &Id) {
    Member *Ms = master();
    if (!Ms || Id != Ms->MainId) {
      ++Count.Unexpected;
      return;
    }
    ShuttingDown = true;
    ShutdownRequester = Id;
    logf(LogLevel::Info, "the master is done: ending the job");
    for (auto &[Rank, M] : Members)
      if (Rank != 0 && M.Alive && !M.HbId.empty())
        sendShutdown(M.HbId, "", false);
    maybeFinishShutdown();
  }

  void onGoodbye(const std::string &Id, const Goodbye &G) {
    FBB Ack;
    finish(Ack, CreateAck(Ack));
    reply(Id, Ack);
    Member *M = member(G.rank());
    if (!M || G.rank() == 0)
      return;
    if (!G.failed() && !G.restarting() && Id != M->HbId) {
      // A member leaves at the end from its heartbeat socket; this one names
      // a rank it is not.
      ++Count.Unexpected;
      logf(LogLevel::Warn, "dropped a goodbye for worker %u from %s, not its socket", G.rank(),
           hexIdentity(Id).c_str());
      return;
    }
    if (G.failed() && !ShuttingDown) {
      // Its error ends the job: the master stops with it (a replay would
      // meet the same error, or hide it).
      std::string Why = "worker " + std::to_string(G.rank()) + " (pid " + std::to_string(M->Pid) +
                        " on " + M->Host + ") stopped: " + toString(G.reason());
      logf(LogLevel::Error, "%s", Why.c_str());
      M->SaidGoodbye = true;
      M->Alive = false;
      for (auto &[R, Other] : Members)
        if (Other.Alive && !Other.HbId.empty())
          sendShutdown(Other.HbId, Why, true);
      return;
    }
    if (G.restarting() && !ShuttingDown) {
      // Its part of a running region goes to the master; the next region
      // waits for it to join again.
      ++Restarting;
      M->SaidGoodbye = true; // it left on purpose: nothing to fence
      WaitForJoinsUntil = std::max(WaitForJoinsUntil, SteadyClock::now() +
                                                          std::chrono::milliseconds(Opts.JoinTimeoutMs));
      onDeath(G.rank(), "left to start again with a fresh address layout (" +
                            toString(G.reason()) + ")",
              true);
      return;
    }
    M->SaidGoodbye = true;
    M->Alive = false;
    if (ShuttingDown)
      maybeFinishShutdown();
  }

  void maybeFinishShutdown() {
    for (auto &[Rank, M] : Members)
      if (Rank != 0 && M.Alive && !M.SaidGoodbye)
        return;
    FBB B;
    finish(B, CreateAck(B));
    reply(ShutdownRequester, B);
    resetJob();
    JobOver = true;
  }

  // --- The loop ----------------------------------------------------------

  void dispatch(const std::string &Id, const zmq::message_t &Frame) {
    ++Count.Messages;
    std::string Why;
    const Message *M = decode(Frame.data(), Frame.size(), &Why);
    if (!M) {
      ++Count.Malformed;
      uint64_t N = ++MalformedBy[Id];
      logf(LogLevel::Warn, "dropped a malformed message (%zu bytes) from %s: %s", Frame.size(),
           hexIdentity(Id).c_str(), Why.c_str());
      if (N >= 16) {
        Ignored.insert(Id);
        logf(LogLevel::Warn, "ignoring %s from now on: %llu malformed messages",
             hexIdentity(Id).c_str(), (unsigned long long)N);
      }
      return;
    }
    std::string Bytes;
    switch (M->body_type()) {
    case Body::Join:
      Bytes.assign(static_cast<const char *>(Frame.data()), Frame.size());
      return onJoin(Id, *M->body_as_Join(), Bytes);
    case Body::Heartbeat:
      return onHeartbeat(Id, *M->body_as_Heartbeat());
    case Body::ChildExited:
      return onChildExited(Id, *M->body_as_ChildExited());
    case Body::RegionStart:
      return onRegionStart(Id, std::string(static_cast<const char *>(Frame.data()), Frame.size()));
    case Body::BarrierArrive:
      return onBarrierArrive(Id, *M->body_as_BarrierArrive(), Frame);
    case Body::CommitApplied:
      return onCommitApplied(Id, *M->body_as_CommitApplied());
    case Body::ChunkRequest:
      return onChunkRequest(Id, *M->body_as_ChunkRequest());
    case Body::SingleRequest:
      return onSingle(Id, *M->body_as_SingleRequest());
    case Body::LockRequest:
      return onLockRequest(Id, *M->body_as_LockRequest());
    case Body::LockRelease:
      return onLockRelease(Id, *M->body_as_LockRelease());
    case Body::Shutdown:
      return onShutdownRequest(Id);
    case Body::Goodbye:
      return onGoodbye(Id, *M->body_as_Goodbye());
    default:
      ++Count.Unexpected;
      logf(LogLevel::Warn, "dropped an unexpected %s message from %s", EnumNameBody(M->body_type()),
           hexIdentity(Id).c_str());
    }
  }

  /// Handles one message if one comes within TimeoutMs; false if none came.
  bool serveOne(long TimeoutMs) {
    if (!wire::pollIn(Router, TimeoutMs))
      return false;
    std::vector<zmq::message_t> Parts = wire::receiveParts(Router);
    if (Parts.empty())
      return true;
    std::string Id(static_cast<const char *>(Parts[0].data()), Parts[0].size());
    if (Ignored.count(Id)) {
      ++Count.Malformed;
    } else if (Parts.size() != 2) {
      ++Count.Malformed;
      logf(LogLevel::Warn, "dropped a message of %zu frame(s) from %s", Parts.size() - 1,
           hexIdentity(Id).c_str());
    } else {
      dispatch(Id, Parts[1]);
    }
    return true;
  }

  void run(const std::atomic<bool> &Stop) {
    auto NextBeat = SteadyClock::now();
    while (!Stop.load(std::memory_order_relaxed)) {
      serveOne(long(Opts.HeartbeatMs / 2 + 1));
      auto Now = SteadyClock::now();
      if (Now >= NextBeat) {
        sendHeartbeats();
        // What is queued is read before anyone is judged: a coordinator that
        // was itself stalled would otherwise declare live members dead.
        for (int I = 0; I < 100000 && serveOne(0); ++I) {
        }
        checkLiveness();
        NextBeat = Now + std::chrono::milliseconds(Opts.HeartbeatMs);
      }
      maybeStartRegion();
      if (JobOver) {
        JobOver = false;
        if (Opts.ExitAfterJob)
          return;
      }
    }
  }
};

Coordinator::Coordinator(zmq::context_t &Context, Options Opts)
    : P(std::make_unique<Impl>(Context, std::move(Opts))) {}
Coordinator::~Coordinator() = default;
std::string Coordinator::endpoint() const { return P->Endpoint; }
void Coordinator::run(const std::atomic<bool> &Stop) { P->run(Stop); }
Counters Coordinator::counters() const { return P->Count; }

} // namespace distomp::coordinator
