//===- Membership.cpp - Joins, heartbeats, liveness and deaths --------------===//
#include "CoordinatorImpl.h"

namespace distomp::coordinator {

void Coordinator::Impl::refuse(const std::string &Id, const std::string &Reason) {
  logf(LogLevel::Error, "refused a process: %s", Reason.c_str());
  FBB B;
  finish(B, CreateRefuse(B, B.CreateString(Reason)));
  reply(Id, B);
}

void Coordinator::Impl::welcome(const std::string &Id, Member &M) {
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
Member Coordinator::Impl::memberFrom(const Join &J, const std::string &Id, uint32_t Rank) {
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

void Coordinator::Impl::onJoin(const std::string &Id, const Join &J, const std::string &Bytes) {
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
    ++Refused; // the job runs without it rather than waiting out the join
               // timeout
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

void Coordinator::Impl::onHeartbeat(const std::string &Id, const Heartbeat &H) {
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
void Coordinator::Impl::onChildExited(const std::string &Id, const ChildExited &E) {
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
  logf(LogLevel::Error,
       "a worker the master started (pid %u) %s before it joined; the job "
       "runs without it",
       E.pid(), How.c_str());
}

void Coordinator::Impl::sendHeartbeats() {
  FBB B;
  finish(B, CreateHeartbeat(B, 0));
  for (auto &[Rank, M] : Members)
    if (M.Alive && !M.HbId.empty())
      reply(M.HbId, B);
}

void Coordinator::Impl::checkLiveness() {
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
void Coordinator::Impl::onDeath(uint32_t Rank, const std::string &Why, bool Left) {
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
                              [&](const ParkedMessage &P) { return P.Rank == Rank; }),
               Parked.end());
  if (Rank == 0) {
    logf(LogLevel::Error, "the master (pid %u on %s) %s: ending the job", M.Pid, M.Host.c_str(),
         Why.c_str());
    for (auto &[R, W] : Members)
      if (W.Alive && !W.HbId.empty())
        sendShutdown(W.HbId,
                     "the master (pid " + std::to_string(M.Pid) + " on " + M.Host + ") was lost",
                     true);
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
    logf(Level,
         "region %llu: thread %u moves to the master, which replays what "
         "worker %u "
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

} // namespace distomp::coordinator
