//===- CommitOrderTest.cpp - Releases wait for the commits they name -------===//
//
// A worker's barrier arrival and lock release travel at once with its
// commit; the coordinator counts them only when the home has applied every
// commit of that worker up to the number they name (CommitApplied may come
// out of order: each thread has its own socket). Here the coordinator runs
// on inproc with a master and a worker joined and a region started; this
// test plays the master, the worker and the home.
//
//===----------------------------------------------------------------------===//
#include "Coordinator.h"
#include "JobMessages.h"
#include "transport.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <thread>

using namespace distomp;
using namespace distomp::wire;
using FBB = flatbuffers::FlatBufferBuilder;

namespace {

using test::awaitBody;

void join(zmq::socket_t &S, Role R) { test::join(S, R, "commit-order"); }

void arrive(zmq::socket_t &S, uint64_t Seq, uint32_t Tid, uint32_t Rank, uint64_t Commit) {
  FBB B;
  std::vector<uint64_t> None;
  finish(B, CreateBarrierArrive(B, Seq, Tid, 0, SyncKind::RegionEnd, B.CreateVector(None),
                                B.CreateVector(None), false, 1, Rank, Commit));
  send(S, B);
}

void applied(zmq::socket_t &Home, uint32_t Rank, uint64_t Commit) {
  FBB B;
  finish(B, CreateCommitApplied(B, Rank, Commit));
  send(Home, B);
}

struct CommitOrder : ::testing::Test {
  zmq::context_t Ctx{1};
  coordinator::Options O;
  std::unique_ptr<coordinator::Coordinator> C;
  std::atomic<bool> Stop{false};
  std::thread Loop;
  std::unique_ptr<zmq::socket_t> Master, Worker, Home;
  uint64_t Seq = 0;

  std::unique_ptr<zmq::socket_t> dealer() {
    auto S = std::make_unique<zmq::socket_t>(Ctx, zmq::socket_type::dealer);
    configureSocket(*S);
    S->set(zmq::sockopt::linger, 0);
    S->connect(O.Listen);
    return S;
  }

  void SetUp() override {
    O.Listen = "inproc://commit-order";
    O.HeartbeatMs = 50;
    O.LivenessMs = 100000;
    O.JoinTimeoutMs = 50;
    C = std::make_unique<coordinator::Coordinator>(Ctx, O);
    Loop = std::thread([&] { C->run(Stop); });
    Master = dealer(), Worker = dealer(), Home = dealer();
    join(*Master, Role::Master);
    ASSERT_TRUE(awaitBody(*Master, Body::Welcome, 5000));
    join(*Worker, Role::Worker);
    ASSERT_TRUE(awaitBody(*Worker, Body::Welcome, 5000));
    FBB B;
    std::vector<uint64_t> None;
    std::vector<Range> NoRanges;
    finish(B, CreateRegionStart(B, 42, B.CreateVector(None), B.CreateVectorOfStructs(NoRanges),
                                B.CreateVector(None), 2, 1, 0, 0));
    send(*Master, B);
    std::optional<zmq::message_t> Run = awaitBody(*Master, Body::RunRegion, 5000);
    ASSERT_TRUE(Run);
    Seq = GetMessage(Run->data())->body_as_RunRegion()->seq();
    std::optional<zmq::message_t> WorkerRun = awaitBody(*Worker, Body::RunRegion, 5000);
    ASSERT_TRUE(WorkerRun);
    ASSERT_EQ(GetMessage(WorkerRun->data())->body_as_RunRegion()->tid(), 1u);
  }

  void TearDown() override {
    Stop = true;
    Loop.join();
  }
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
  auto Lock = [&](zmq::socket_t &S, uint32_t Tid, uint32_t Rank) {
    FBB B;
    std::vector<uint64_t> None;
    finish(B, CreateLockRequest(B, Seq, Tid, 7, B.CreateVector(None), B.CreateVector(None), Rank));
    send(S, B);
  };
  Lock(*Worker, 1, 1);
  ASSERT_TRUE(awaitBody(*Worker, Body::LockGrant, 5000));
  Lock(*Master, 0, 0); // waits for the worker's release
  FBB B;
  std::vector<uint64_t> None;
  finish(B, CreateLockRelease(B, Seq, 1, 7, B.CreateVector(None), 1, 1));
  send(*Worker, B);
  EXPECT_FALSE(awaitBody(*Master, Body::LockGrant, 300)) << "granted before the commit was in";
  applied(*Home, 1, 1);
  EXPECT_TRUE(awaitBody(*Master, Body::LockGrant, 5000));
}
