//===- Locks.cpp - Critical sections and reductions' locks ------------------===//
#include "CoordinatorImpl.h"

namespace distomp::coordinator {

void Coordinator::Impl::grantLock(uint64_t Lock, LockState &L, const LockWaiter &W) {
  L.Held = true;
  L.HolderRank = W.Rank;
  L.HolderKeeps = W.Keep && !heartbeatSocketOf(W.Rank).empty();
  L.Recalled = false;
  ++L.Grants;
  ++Count.LockGrants;
  auto [Inval, AcqSeq] = acquireFor(W.Rank);
  FBB B;
  finish(B, CreateLockGrant(B, Lock, B.CreateVector(Inval), AcqSeq, L.HolderKeeps, L.Grants));
  reply(W.Id, B);
  if (!L.Queue.empty())
    recallLock(Lock, L); // others already wait: it is not to stay with this one
}

void Coordinator::Impl::recallLock(uint64_t Lock, LockState &L) {
  if (!L.HolderKeeps || L.Recalled)
    return;
  // The holder's process may keep it outside the critical section: ask for
  // it back, on the socket its heartbeat thread reads whatever the process's
  // threads are doing. The process releases it as it would have once none
  // of its threads is inside. The recall names the grant: one that comes
  // after its release is dropped there, one that overtakes its grant (they
  // travel on different sockets) waits for it.
  L.Recalled = true;
  ++Count.LockRecalls;
  FBB B;
  finish(B, CreateLockRecall(B, Lock, L.Grants));
  reply(heartbeatSocketOf(L.HolderRank), B);
}

std::string Coordinator::Impl::heartbeatSocketOf(uint32_t Rank) {
  Member *M = member(Rank); // the master's too (rank 0)
  return M ? M->HbId : std::string();
}

void Coordinator::Impl::releaseLock(uint64_t Lock, LockState &L) {
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

void Coordinator::Impl::onLockRequest(const std::string &Id, const LockRequest &R) {
  if (!fromTeamThread(Id, R.seq(), R.tid(), R.rank()))
    return;
  uint32_t Rank = R.rank();
  if (Rank) {
    Dir.recordFetched(Rank, toVector(R.fetched()));
    Dir.recordWrites(toVector(R.written()), Rank);
  }
  LockState &L = Locks[R.lock()];
  LockWaiter W{Id, Rank, R.tid(), R.keep()};
  if (!L.Held)
    return grantLock(R.lock(), L, W);
  L.Queue.push_back(W);
  recallLock(R.lock(), L);
}

void Coordinator::Impl::onLockRelease(const std::string &Id, const LockRelease &R,
                                      const zmq::message_t &Frame) {
  // A kept lock's release by a process's heartbeat thread may arrive after
  // the region it was taken in ended (it travels on another socket than the
  // team's arrivals): from the live process that holds the lock, it counts.
  auto Held = Locks.find(R.lock());
  bool FromHolder =
      Held != Locks.end() && Held->second.Held && Held->second.HolderRank == R.rank() &&
      member(R.rank()) && !fenceIfDead(Id, R.rank());
  if (!FromHolder && !fromTeamThread(Id, R.seq(), R.tid(), R.rank()))
    return;
  uint32_t Rank = R.rank();
  if (parkUntilApplied(Id, Rank, R.commit(), Frame))
    return; // the lock stays held: the next holder must read what it carries
  Dir.recordWrites(toVector(R.written()), Rank);
  auto It = Locks.find(R.lock());
  if (It == Locks.end() || !It->second.Held) {
    ++Count.Unexpected;
    return;
  }
  releaseLock(R.lock(), It->second);
}

} // namespace distomp::coordinator
