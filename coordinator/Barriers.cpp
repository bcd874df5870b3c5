//===- Barriers.cpp - Barrier arrivals, the commits they wait for, releases ===//
#include "CoordinatorImpl.h"

namespace distomp::coordinator {

void Coordinator::Impl::onBarrierArrive(const std::string &Id, const BarrierArrive &A,
                                        const zmq::message_t &Frame) {
  if (!fromTeamThread(Id, A.seq(), A.tid(), A.rank()))
    return;
  uint32_t Tid = A.tid(), Rank = Region.TeamRanks[Tid], N = Region.TeamRanks.size();
  if (parkUntilApplied(Id, Rank, A.commit(), Frame))
    return;
  uint32_t Block = std::max(1u, A.threads());
  // One process arrives for a block of its own threads, never beyond.
  for (uint32_t T = Tid; T < Tid + Block; ++T)
    if (T >= N || Region.TeamRanks[T] != Rank) {
      ++Count.Unexpected;
      logf(LogLevel::Warn, "dropped a barrier arrival for threads %u..%u: not one process's", Tid,
           Tid + Block - 1);
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
    finish(Reply, CreateBarrierRelease(Reply, A.seq(), A.ws(),
                                       Reply.CreateVector(std::vector<uint64_t>())));
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

bool Coordinator::Impl::parkUntilApplied(const std::string &Id, uint32_t Rank, uint64_t Commit,
                                         const zmq::message_t &Frame) {
  if (!Rank || Commit <= member(Rank)->CommitApplied)
    return false;
  // Its commit went home at the same time; the others may read what it
  // wrote only once it is applied.
  Parked.push_back(
      {Id, std::string(static_cast<const char *>(Frame.data()), Frame.size()), Rank, Commit});
  return true;
}

/// The home applied worker C.rank()'s commit C.commit(): the arrivals and
/// releases that waited for it count now, in the order they came.
void Coordinator::Impl::onCommitApplied(const std::string &Id, const CommitApplied &C) {
  Member *M = C.rank() ? member(C.rank()) : nullptr;
  if (!M) {
    ++Count.Unexpected;
    logf(LogLevel::Debug, "dropped a commit notice for process %u from %s", C.rank(),
         hexIdentity(Id).c_str());
    return;
  }
  if (C.commit() > M->CommitApplied + (1u << 20)) { // numbers are dense: not one of its
    ++Count.Unexpected;
    return;
  }
  if (C.commit() > M->CommitApplied)
    M->AppliedLater.insert(C.commit());
  while (!M->AppliedLater.empty() && *M->AppliedLater.begin() == M->CommitApplied + 1) {
    ++M->CommitApplied;
    M->AppliedLater.erase(M->AppliedLater.begin());
  }
  std::vector<ParkedMessage> Ready;
  for (auto It = Parked.begin(); It != Parked.end();)
    if (It->Rank == C.rank() && It->Commit <= M->CommitApplied) {
      Ready.push_back(std::move(*It));
      It = Parked.erase(It);
    } else {
      ++It;
    }
  for (const ParkedMessage &P : Ready) {
    zmq::message_t Frame(P.Bytes.data(), P.Bytes.size());
    const Message *Msg = GetMessage(Frame.data());
    if (Msg->body_type() == Body::BarrierArrive)
      onBarrierArrive(P.Id, *Msg->body_as_BarrierArrive(), Frame);
    else
      onLockRelease(P.Id, *Msg->body_as_LockRelease(), Frame);
  }
}

} // namespace distomp::coordinator
