//===- JobEnd.cpp - Goodbyes, the shutdown, the end of a job ----------------===//
#include "CoordinatorImpl.h"

namespace distomp::coordinator {

void Coordinator::Impl::resetJob() {
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

void Coordinator::Impl::onShutdownRequest(const std::string &Id) {
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

void Coordinator::Impl::onGoodbye(const std::string &Id, const Goodbye &G) {
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
    WaitForJoinsUntil = std::max(
        WaitForJoinsUntil, SteadyClock::now() + std::chrono::milliseconds(Opts.JoinTimeoutMs));
    onDeath(G.rank(),
            "left to start again with a fresh address layout (" + toString(G.reason()) + ")", true);
    return;
  }
  M->SaidGoodbye = true;
  M->Alive = false;
  if (ShuttingDown)
    maybeFinishShutdown();
}

void Coordinator::Impl::maybeFinishShutdown() {
  for (auto &[Rank, M] : Members)
    if (Rank != 0 && M.Alive && !M.SaidGoodbye)
      return;
  FBB B;
  finish(B, CreateAck(B));
  reply(ShutdownRequester, B);
  resetJob();
  JobOver = true;
}

} // namespace distomp::coordinator
