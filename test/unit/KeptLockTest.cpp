//===- KeptLockTest.cpp - A kept lock is recalled when another thread asks ===//
//
// A thread that asks for a critical section's lock with `keep` may keep it
// after its critical section; the coordinator recalls it (LockRecall) when
// another thread asks meanwhile, and only then. The test plays the master,
// the worker and the home of a region (test::TwoProcessRegion).
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
  KeptLock() : TwoProcessRegion("inproc://kept-lock", "kept-lock") {}
};

/// The lock a LockRecall in F names.
uint64_t recalledLock(const zmq::message_t &F) {
  return GetMessage(F.data())->body_as_LockRecall()->lock();
}

} // namespace

TEST_F(KeptLock, KeeperIsRecalledWhenAnotherThreadAsks) {
  requestLock(*Worker, Seq, 1, 1, 7, /*Keep=*/true);
  ASSERT_TRUE(awaitBody(*Worker, Body::LockGrant, 5000));
  EXPECT_FALSE(awaitBody(*Worker, Body::LockRecall, 300)) << "recalled with nobody waiting";
  requestLock(*Master, Seq, 0, 0, 7, true);
  std::optional<zmq::message_t> Recall = awaitBody(*Worker, Body::LockRecall, 5000);
  ASSERT_TRUE(Recall);
  EXPECT_EQ(recalledLock(*Recall), 7u);
  EXPECT_FALSE(awaitBody(*Master, Body::LockGrant, 300)) << "granted while kept";
  releaseLock(*Worker, Seq, 1, 1, 7, 0);
  EXPECT_TRUE(awaitBody(*Master, Body::LockGrant, 5000));
}

TEST_F(KeptLock, HolderThatDoesNotKeepIsNotRecalled) {
  requestLock(*Worker, Seq, 1, 1, 7, /*Keep=*/false);
  ASSERT_TRUE(awaitBody(*Worker, Body::LockGrant, 5000));
  requestLock(*Master, Seq, 0, 0, 7, true);
  EXPECT_FALSE(awaitBody(*Worker, Body::LockRecall, 300));
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
  ASSERT_TRUE(awaitBody(*Master, Body::LockRecall, 5000));
  requestLock(*Worker2, Seq, 1, 1, 7, true); // waits too
  releaseLock(*Master, Seq, 0, 0, 7, 0);
  ASSERT_TRUE(awaitBody(*Worker, Body::LockGrant, 5000));
  ASSERT_TRUE(awaitBody(*Worker, Body::LockRecall, 5000)) << "kept while another thread waits";
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
  ASSERT_TRUE(awaitBody(*Worker, Body::LockRecall, 5000));
  releaseLock(*Worker, Seq, 1, 1, 7, 1);    // parked until commit 1 is applied
  requestLock(*Worker, Seq, 1, 1, 7, true); // asks again while it still holds it
  applied(*Home, 1, 1);
  ASSERT_TRUE(awaitBody(*Master, Body::LockGrant, 5000));
  EXPECT_TRUE(awaitBody(*Master, Body::LockRecall, 5000)) << "the worker would wait for ever";
}
