//===- CommitOrderTest.cpp - Releases wait for the commits they name -------===//
//
// A worker's barrier arrival and lock release travel at once with its
// commit; the coordinator counts them only when the home has applied every
// commit of that worker up to the number they name (CommitApplied may come
// out of order: each thread has its own socket). The test plays the master,
// the worker and the home of a region (test::TwoProcessRegion).
//
//===----------------------------------------------------------------------===//
#include "JobMessages.h"

#include <gtest/gtest.h>

using namespace distomp;
using namespace distomp::wire;
using FBB = flatbuffers::FlatBufferBuilder;

namespace {

using test::applied;
using test::awaitBody;

void arrive(zmq::socket_t &S, uint64_t Seq, uint32_t Tid, uint32_t Rank, uint64_t Commit) {
  FBB B;
  std::vector<uint64_t> None;
  finish(B, CreateBarrierArrive(B, Seq, Tid, 0, SyncKind::RegionEnd, B.CreateVector(None),
                                B.CreateVector(None), false, 1, Rank, Commit));
  send(S, B);
}

struct CommitOrder : test::TwoProcessRegion {
  CommitOrder() : TwoProcessRegion("inproc://commit-order", "commit-order") {}
};

} // namespace

TEST_F(CommitOrder, ArrivalCountsOnlyOnceEveryCommitItNamesIsApplied) {
  arrive(*Worker, Seq, 1, 1, 2); // names its commit 2: 1 and 2 must be in
  arrive(*Master, Seq, 0, 0, 0);
  EXPECT_FALSE(awaitBody(*Master, Body::BarrierRelease, 300)) << "released before any commit";
  applied(*Home, 1, 2); // out of order: 1 is still missing
  EXPECT_FALSE(awaitBody(*Master, Body::BarrierRelease, 300)) << "released with commit 1 out";
  applied(*Home, 1, 1);
  EXPECT_TRUE(awaitBody(*Master, Body::BarrierRelease, 5000));
  EXPECT_TRUE(awaitBody(*Worker, Body::BarrierRelease, 5000));
}

TEST_F(CommitOrder, ArrivalNamingAppliedCommitsCountsAtOnce) {
  applied(*Home, 1, 1);
  arrive(*Worker, Seq, 1, 1, 1);
  arrive(*Master, Seq, 0, 0, 0);
  EXPECT_TRUE(awaitBody(*Master, Body::BarrierRelease, 5000));
}

TEST_F(CommitOrder, LockPassesOnOnlyOnceTheReleaseCommitIsApplied) {
  test::requestLock(*Worker, Seq, 1, 1, 7);
  ASSERT_TRUE(awaitBody(*Worker, Body::LockGrant, 5000));
  test::requestLock(*Master, Seq, 0, 0, 7); // waits for the worker's release
  test::releaseLock(*Worker, Seq, 1, 1, 7, 1);
  EXPECT_FALSE(awaitBody(*Master, Body::LockGrant, 300)) << "granted before the commit was in";
  applied(*Home, 1, 1);
  EXPECT_TRUE(awaitBody(*Master, Body::LockGrant, 5000));
}
