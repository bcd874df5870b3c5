//===- JobMessages.h - Playing a job's processes in unit tests ---*- C++ -*-===//
//
// Helpers for tests that talk to a coordinator or a home over ZeroMQ as a
// job's processes would.
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_TEST_UNIT_JOBMESSAGES_H
#define DISTOMP_TEST_UNIT_JOBMESSAGES_H

#include "Coordinator.h"
#include "transport.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

namespace distomp::test {

/// The next message of type Expect on S within TimeoutMs (others dropped).
inline std::optional<zmq::message_t> awaitBody(zmq::socket_t &S, wire::Body Expect,
                                                long TimeoutMs) {
  auto Until = std::chrono::steady_clock::now() + std::chrono::milliseconds(TimeoutMs);
  while (std::chrono::steady_clock::now() < Until) {
    std::optional<zmq::message_t> F = wire::receive(S, 20);
    if (!F)
      continue;
    const wire::Message *M = wire::decode(F->data(), F->size(), nullptr);
    if (M && M->body_type() == Expect)
      return F;
  }
  return std::nullopt;
}

/// Joins as R of a two-process job of executable BuildId.
inline void join(zmq::socket_t &S, wire::Role R, const char *BuildId) {
  flatbuffers::FlatBufferBuilder B;
  wire::finish(B, wire::CreateJoin(B, R, wire::kProtocolVersion, B.CreateString(BuildId), 1,
                                   B.CreateString("h"), B.CreateString("p"),
                                   B.CreateString("tcp://127.0.0.1:1"), 0, 2));
  wire::send(S, B);
}

/// The home's word that Rank's commits up to Commit are applied.
inline void applied(zmq::socket_t &Home, uint32_t Rank, uint64_t Commit) {
  flatbuffers::FlatBufferBuilder B;
  wire::finish(B, wire::CreateCommitApplied(B, Rank, Commit));
  wire::send(Home, B);
}

/// Thread Tid of process Rank asks for lock Lock (Keep: it may keep it).
inline void requestLock(zmq::socket_t &S, uint64_t Seq, uint32_t Tid, uint32_t Rank, uint64_t Lock,
                        bool Keep = false) {
  flatbuffers::FlatBufferBuilder B;
  std::vector<uint64_t> None;
  wire::finish(B, wire::CreateLockRequest(B, Seq, Tid, Lock, B.CreateVector(None),
                                          B.CreateVector(None), Rank, Keep));
  wire::send(S, B);
}

/// Thread Tid of process Rank releases Lock, naming its commit Commit.
inline void releaseLock(zmq::socket_t &S, uint64_t Seq, uint32_t Tid, uint32_t Rank, uint64_t Lock,
                        uint64_t Commit) {
  flatbuffers::FlatBufferBuilder B;
  std::vector<uint64_t> None;
  wire::finish(B, wire::CreateLockRelease(B, Seq, Tid, Lock, B.CreateVector(None), Rank, Commit));
  wire::send(S, B);
}

/// A coordinator on inproc with a master and a worker joined and a region
/// of two threads started (thread 0 the master's, 1 the worker's); the test
/// plays the master, the worker and the home.
struct TwoProcessRegion : ::testing::Test {
  zmq::context_t Ctx{1};
  coordinator::Options O;
  std::string BuildId;
  std::unique_ptr<coordinator::Coordinator> C;
  std::atomic<bool> Stop{false};
  std::thread Loop;
  std::unique_ptr<zmq::socket_t> Master, Worker, Home;
  uint64_t Seq = 0;

  TwoProcessRegion(const char *Endpoint, const char *Id) : BuildId(Id) { O.Listen = Endpoint; }

  std::unique_ptr<zmq::socket_t> dealer() {
    auto S = std::make_unique<zmq::socket_t>(Ctx, zmq::socket_type::dealer);
    wire::configureSocket(*S);
    S->set(zmq::sockopt::linger, 0);
    S->connect(O.Listen);
    return S;
  }

  void SetUp() override {
    O.HeartbeatMs = 50;
    O.LivenessMs = 100000;
    O.JoinTimeoutMs = 50;
    C = std::make_unique<coordinator::Coordinator>(Ctx, O);
    Loop = std::thread([&] { C->run(Stop); });
    Master = dealer(), Worker = dealer(), Home = dealer();
    join(*Master, wire::Role::Master, BuildId.c_str());
    ASSERT_TRUE(awaitBody(*Master, wire::Body::Welcome, 5000));
    join(*Worker, wire::Role::Worker, BuildId.c_str());
    ASSERT_TRUE(awaitBody(*Worker, wire::Body::Welcome, 5000));
    flatbuffers::FlatBufferBuilder B;
    std::vector<uint64_t> None;
    std::vector<wire::Range> NoRanges;
    wire::finish(B, wire::CreateRegionStart(B, 42, B.CreateVector(None),
                                            B.CreateVectorOfStructs(NoRanges), B.CreateVector(None),
                                            2, 1, 0, 0));
    wire::send(*Master, B);
    std::optional<zmq::message_t> Run = awaitBody(*Master, wire::Body::RunRegion, 5000);
    ASSERT_TRUE(Run);
    Seq = wire::GetMessage(Run->data())->body_as_RunRegion()->seq();
    std::optional<zmq::message_t> WorkerRun = awaitBody(*Worker, wire::Body::RunRegion, 5000);
    ASSERT_TRUE(WorkerRun);
    ASSERT_EQ(wire::GetMessage(WorkerRun->data())->body_as_RunRegion()->tid(), 1u);
  }

  void TearDown() override {
    Stop = true;
    Loop.join();
  }
};

} // namespace distomp::test

#endif
