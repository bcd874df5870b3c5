//===- KeptLockTest.cpp - A kept lock is recalled when another thread asks ===//
//
// A thread that asks for a critical section's lock with `keep` gets leave to
// keep it (LockGrant.keep) if the coordinator knows its process's heartbeat
// socket; the coordinator recalls it there (LockRecall, naming the grant)
// when another thread asks meanwhile, and only then. The test plays the
// master, the worker, their heartbeat threads and the home of a region
// (test::TwoProcessRegion).
//
//===----------------------------------------------------------------------===//
#include "JobMessages.h"

#include <gtest/gtest.h>

using namespace distomp;
using namespace distomp::wire;

namespace {

using test::applied;
using test::awaitBody;
using test::releaseLock;
using test::requestLock;

struct KeptLock : test::TwoProcessRegion {
  std::unique_ptr<zmq::socket_t> MasterHb, WorkerHb;
  KeptLock() : TwoProcessRegion("inproc://kept-lock", "kept-lock") {}

  void SetUp() override {
    TwoProcessRegion::SetUp();
    MasterHb = dealer(), WorkerHb = dealer();
    for (auto [S, Rank] : {std::pair{MasterHb.get(), 0u}, std::pair{WorkerHb.get(), 1u}}) {
      flatbuffers::FlatBufferBuilder B;
      finish(B, CreateHeartbeat(B, Rank));
      send(*S, B);
    }
    // Known once the coordinator beats back there.
    ASSERT_TRUE(awaitBody(*MasterHb, Body::Heartbeat, 5000));
    ASSERT_TRUE(awaitBody(*WorkerHb, Body::Heartbeat, 5000));
  }
};

const LockGrant *grantIn(const zmq::message_t &F) {
  return GetMessage(F.data())->body_as_LockGrant();
}
const LockRecall *recallIn(const zmq::message_t &F) {
  return GetMessage(F.data())->body_as_LockRecall();
}

} // namespace

TEST_F(KeptLock, KeeperIsRecalledOnItsHeartbeatSocketWhenAnotherThreadAsks) {
  requestLock(*Worker, Seq, 1, 1, 7, /*Keep=*/true);
  std::optional<zmq::message_t> Grant = awaitBody(*Worker, Body::LockGrant, 5000);
  ASSERT_TRUE(Grant);
  EXPECT_TRUE(grantIn(*Grant)->keep());
  EXPECT_EQ(grantIn(*Grant)->grant(), 1u);
  EXPECT_FALSE(awaitBody(*WorkerHb, Body::LockRecall, 300)) << "recalled with nobody waiting";
  requestLock(*Master, Seq, 0, 0, 7, true);
  std::optional<zmq::message_t> Recall = awaitBody(*WorkerHb, Body::LockRecall, 5000);
  ASSERT_TRUE(Recall);
  EXPECT_EQ(recallIn(*Recall)->lock(), 7u);
  EXPECT_EQ(recallIn(*Recall)->grant(), 1u);
  EXPECT_FALSE(awaitBody(*Master, Body::LockGrant, 300)) << "granted while kept";
  releaseLock(*WorkerHb, Seq, 1, 1, 7, 0); // the heartbeat thread releases it
  Grant = awaitBody(*Master, Body::LockGrant, 5000);
  ASSERT_TRUE(Grant);
  EXPECT_EQ(grantIn(*Grant)->grant(), 2u);
}

TEST_F(KeptLock, HolderThatDoesNotKeepIsNotRecalled) {
  requestLock(*Worker, Seq, 1, 1, 7, /*Keep=*/false);
  std::optional<zmq::message_t> Grant = awaitBody(*Worker, Body::LockGrant, 5000);
  ASSERT_TRUE(Grant);
  EXPECT_FALSE(grantIn(*Grant)->keep());
  requestLock(*Master, Seq, 0, 0, 7, true);
  EXPECT_FALSE(awaitBody(*WorkerHb, Body::LockRecall, 300));
  releaseLock(*Worker, Seq, 1, 1, 7, 0);
  EXPECT_TRUE(awaitBody(*Master, Body::LockGrant, 5000));
}

// When the lock passes on to a keeper while others still wait, that keeper
// is recalled at once: no later request would make the coordinator do it.
TEST_F(KeptLock, KeeperGrantedWithOthersWaitingIsRecalledAtOnce) {
  requestLock(*Master, Seq, 0, 0, 7, true);
  ASSERT_TRUE(awaitBody(*Master, Body::LockGrant, 5000));
  std::unique_ptr<zmq::socket_t> Worker2 = dealer(); // another thread of the worker
  requestLock(*Worker, Seq, 1, 1, 7, true);          // waits; the master is recalled
  ASSERT_TRUE(awaitBody(*MasterHb, Body::LockRecall, 5000));
  requestLock(*Worker2, Seq, 1, 1, 7, true); // waits too
  releaseLock(*Master, Seq, 0, 0, 7, 0);
  ASSERT_TRUE(awaitBody(*Worker, Body::LockGrant, 5000));
  std::optional<zmq::message_t> Recall = awaitBody(*WorkerHb, Body::LockRecall, 5000);
  ASSERT_TRUE(Recall) << "kept while another thread waits";
  EXPECT_EQ(recallIn(*Recall)->grant(), 2u);
  releaseLock(*Worker, Seq, 1, 1, 7, 0);
  EXPECT_TRUE(awaitBody(*Worker2, Body::LockGrant, 5000));
}

// The holder releases with a commit the home has yet to apply (the lock
// stays held meanwhile) and asks again at once: the request waits behind the
// other thread's, whose grant must come with a recall.
TEST_F(KeptLock, ReleaseParkedForItsCommitStillPassesToAKeeperThatIsRecalled) {
  requestLock(*Worker, Seq, 1, 1, 7, true);
  ASSERT_TRUE(awaitBody(*Worker, Body::LockGrant, 5000));
  requestLock(*Master, Seq, 0, 0, 7, true);
  ASSERT_TRUE(awaitBody(*WorkerHb, Body::LockRecall, 5000));
  releaseLock(*Worker, Seq, 1, 1, 7, 1);    // parked until commit 1 is applied
  requestLock(*Worker, Seq, 1, 1, 7, true); // asks again while it still holds it
  applied(*Home, 1, 1);
  ASSERT_TRUE(awaitBody(*Master, Body::LockGrant, 5000));
  EXPECT_TRUE(awaitBody(*MasterHb, Body::LockRecall, 5000)) << "the worker would wait for ever";
}

// Without a heartbeat socket to recall it on, a process gets no leave.
struct KeptLockNoHeartbeat : test::TwoProcessRegion {
  KeptLockNoHeartbeat() : TwoProcessRegion("inproc://kept-lock-no-hb", "kept-lock-no-hb") {}
};

TEST_F(KeptLockNoHeartbeat, NoLeaveToKeepWhereNoRecallCouldGo) {
  requestLock(*Worker, Seq, 1, 1, 7, true);
  std::optional<zmq::message_t> Grant = awaitBody(*Worker, Body::LockGrant, 5000);
  ASSERT_TRUE(Grant);
  EXPECT_FALSE(grantIn(*Grant)->keep());
}
