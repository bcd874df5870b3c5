//===- Locks.cpp - Critical sections and reductions' locks ------------------===//
#include "CoordinatorImpl.h"

namespace distomp::coordinator {

void Coordinator::Impl::grantLock(uint64_t Lock, LockState &L, const LockWaiter &W) {
  L.Held = true;
  L.HolderRank = W.Rank;
  L.HolderId = W.Id;
  L.HolderKeeps = W.Keep;
  L.Recalled = false;
  ++Count.LockGrants;
  auto [Inval, AcqSeq] = acquireFor(W.Rank);
  FBB B;
  finish(B, CreateLockGrant(B, Lock, B.CreateVector(Inval), AcqSeq));
  reply(W.Id, B);
  if (!L.Queue.empty())
    recallLock(Lock, L); // others already wait: it is not to stay with this one
}

void Coordinator::Impl::recallLock(uint64_t Lock, LockState &L) {
  if (!L.HolderKeeps || L.Recalled)
    return;
  // The holder may keep it outside its critical section: ask for it back.
  // It releases as it would have, once its thread is outside. Sent after
  // the grant on the same socket, so it cannot overtake it.
  L.Recalled = true;
  ++Count.LockRecalls;
  FBB B;
  finish(B, CreateLockRecall(B, Lock));
  reply(L.HolderId, B);
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
  if (!fromTeamThread(Id, R.seq(), R.tid(), R.rank()))
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
