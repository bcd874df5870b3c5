//===- FuzzTest.cpp - Forged and mutated messages at the coordinator and home ===//
//
// Structure-aware: messages are built from the schema with field values a
// buggy or hostile peer might send (mostly near what a job uses, sometimes
// extremes), then some are mutated byte by byte. The coordinator runs in
// this process on inproc, with a job joined, and the home serves this
// process's memory: a crash in either is a crash of the test. Afterwards
// both must still answer correctly.
//
// DISTOMP_FUZZ_MESSAGES sets the campaign's size (default 20,000 for each;
// scripts/fuzz.sh runs a long one).
//
//===----------------------------------------------------------------------===//
#include "Coordinator.h"
#include "JobMessages.h"
#include "home/home.h"
#include "memory/atomics.h"
#include "process/messaging.h"
#include "transport.h"

#include "distomp/abi.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <random>
#include <thread>
#include <vector>

using namespace distomp;
using namespace distomp::wire;
using FBB = flatbuffers::FlatBufferBuilder;

namespace {

size_t campaignSize() {
  const char *N = std::getenv("DISTOMP_FUZZ_MESSAGES");
  return N ? std::strtoull(N, nullptr, 10) : 20000;
}

/// Field values: usually small (what a job uses), sometimes anything.
struct Values {
  std::mt19937_64 Rng;
  explicit Values(uint64_t Seed) : Rng(Seed) {}
  uint64_t any() { return Rng(); }
  uint32_t small(uint32_t Bound = 8) {
    switch (Rng() % 16) {
    case 0: return 0xffffffffu;
    case 1: return uint32_t(Rng());
    default: return uint32_t(Rng() % Bound);
    }
  }
  bool coin() { return Rng() & 1; }
  std::vector<uint64_t> pages(uint64_t Near) {
    std::vector<uint64_t> P(Rng() % 4);
    for (auto &X : P)
      X = coin() ? Near + Rng() % 4 : Rng() >> 17;
    return P;
  }
};

/// One message a team member, a stranger or a broken process might send
/// the coordinator.
void coordinatorMessage(Values &V, FBB &B, uint64_t Page) {
  auto Str = [&](const char *S) { return B.CreateString(S); };
  switch (V.Rng() % 14) {
  case 0:
    finish(B, CreateJoin(B, V.coin() ? Role::Worker : Role::Master,
                         V.coin() ? kProtocolVersion : V.small(), Str(V.coin() ? "fuzz" : "x"),
                         V.small(100000), Str("h"), Str("p"), Str("tcp://127.0.0.1:1"), V.any(),
                         V.small(), int32_t(V.small()), int64_t(V.any()), V.small()));
    break;
  case 1: finish(B, CreateHeartbeat(B, V.small())); break;
  case 2: {
    std::vector<Range> Ranges{Range(V.any(), V.any())};
    finish(B, CreateRegionStart(B, V.any() % 4, B.CreateVector(V.pages(Page)),
                                B.CreateVectorOfStructs(Ranges), B.CreateVector(V.pages(Page)),
                                V.small(64), V.small(), int32_t(V.small()), int32_t(V.small())));
    break;
  }
  case 3:
    finish(B, CreateBarrierArrive(B, V.small(4), V.small(), V.small(), SyncKind(V.small(3)),
                                  B.CreateVector(V.pages(Page)), B.CreateVector(V.pages(Page)),
                                  V.coin(), V.small(), V.small(), V.coin() ? 0 : V.small(8)));
    break;
  case 4:
    finish(B, CreateChunkRequest(B, V.small(4), V.small(), V.small(), int32_t(V.small(64)),
                                 V.coin() ? V.small(1000) : V.any(), V.small(100), V.coin(),
                                 V.small()));
    break;
  case 5:
    finish(B, CreateSingleRequest(B, V.small(4), V.small(), V.small(), V.coin(), V.small()));
    break;
  case 6:
    finish(B,
           CreateLockRequest(B, V.small(4), V.small(), V.any() % 4, B.CreateVector(V.pages(Page)),
                             B.CreateVector(V.pages(Page)), V.small(), V.coin()));
    break;
  case 7:
    finish(B, CreateLockRelease(B, V.small(4), V.small(), V.any() % 4,
                                B.CreateVector(V.pages(Page)), V.small(),
                                V.coin() ? 0 : V.small(8)));
    break;
  case 8:
    finish(B, CreateGoodbye(B, V.small(), 0, V.coin(), Str("fuzz"), V.coin()));
    break;
  case 9: finish(B, CreateChildExited(B, V.small(100000), int32_t(V.small()), int32_t(V.small()))); break;
  case 10: finish(B, CreateChunkGrant(B, V.coin(), V.any(), V.any(), V.coin())); break;
  case 11: finish(B, CreateCommitApplied(B, V.small(), V.coin() ? V.small(8) : V.any())); break;
  case 12: finish(B, CreateLockRecall(B, V.any() % 4, V.small(8))); break; // not for it
  default: finish(B, CreateShutdown(B, Str(""), V.coin())); break;
  }
}

/// Flips, cuts or extends a message's bytes now and then.
std::vector<uint8_t> mutate(Values &V, const FBB &B) {
  std::vector<uint8_t> Bytes(B.GetBufferPointer(), B.GetBufferPointer() + B.GetSize());
  switch (V.Rng() % 4) {
  case 0:
    for (int I = 0, N = 1 + int(V.Rng() % 4); I < N; ++I)
      Bytes[V.Rng() % Bytes.size()] ^= uint8_t(1u << (V.Rng() % 8));
    break;
  case 1: Bytes.resize(V.Rng() % Bytes.size()); break;
  case 2: Bytes.insert(Bytes.begin() + long(V.Rng() % Bytes.size()), uint8_t(V.Rng())); break;
  default: break; // well-formed
  }
  return Bytes;
}

void sendBytes(zmq::socket_t &S, const std::vector<uint8_t> &Bytes) {
  S.send(zmq::const_buffer(Bytes.data(), Bytes.size()), zmq::send_flags::none);
}

/// Waits up to TimeoutMs for a reply of type Expect on S (others dropped).
bool awaitType(zmq::socket_t &S, Body Expect, long TimeoutMs) {
  return test::awaitBody(S, Expect, TimeoutMs).has_value();
}

void join(zmq::socket_t &S, Role R) { test::join(S, R, "fuzz"); }

} // namespace

TEST(Fuzz, CoordinatorSurvivesForgedAndMutatedMessages) {
  zmq::context_t Ctx(1);
  coordinator::Options O;
  O.Listen = "inproc://fuzz-coordinator";
  O.HeartbeatMs = 50;
  O.LivenessMs = 100000;
  O.JoinTimeoutMs = 50;
  coordinator::Coordinator C(Ctx, O);
  std::atomic<bool> Stop{false};
  std::thread Loop([&] { C.run(Stop); });
  auto Dealer = [&] {
    auto S = std::make_unique<zmq::socket_t>(Ctx, zmq::socket_type::dealer);
    configureSocket(*S);
    S->set(zmq::sockopt::linger, 0);
    S->connect(O.Listen);
    return S;
  };
  // A job: a master and a worker joined, then peers old and new sending.
  auto Master = Dealer(), Worker = Dealer();
  join(*Master, Role::Master);
  ASSERT_TRUE(awaitType(*Master, Body::Welcome, 5000));
  join(*Worker, Role::Worker);
  ASSERT_TRUE(awaitType(*Worker, Body::Welcome, 5000));
  std::vector<std::unique_ptr<zmq::socket_t>> Peers;
  for (int I = 0; I < 4; ++I)
    Peers.push_back(Dealer());
  Values V(7);
  size_t N = campaignSize();
  for (size_t I = 0; I < N; ++I) {
    FBB B;
    coordinatorMessage(V, B, 0x1000);
    zmq::socket_t &S = I % 7 == 0 ? *Master : I % 7 == 1 ? *Worker : *Peers[I % Peers.size()];
    sendBytes(S, mutate(V, B));
    if (I % 64 == 0) // drain what it answered
      for (auto *P : {Master.get(), Worker.get(), Peers[0].get(), Peers[1].get(),
                      Peers[2].get(), Peers[3].get()})
        while (receive(*P, 0)) {
        }
  }
  // Still serving: a fresh process is answered (welcomed, or refused because
  // a job runs), and a valid heartbeat exchange goes on.
  auto Fresh = Dealer();
  join(*Fresh, Role::Master);
  FBB Probe;
  bool Answered = false;
  auto Until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!Answered && std::chrono::steady_clock::now() < Until) {
    std::optional<zmq::message_t> F = receive(*Fresh, 50);
    const Message *M = F ? decode(F->data(), F->size(), nullptr) : nullptr;
    Answered = M && (M->body_type() == Body::Welcome || M->body_type() == Body::Refuse);
  }
  EXPECT_TRUE(Answered) << "the coordinator stopped answering after " << N << " messages";
  Stop = true;
  Loop.join();
  coordinator::Counters K = C.counters();
  // Most messages reached it (dispatched or dropped as malformed; the rest
  // were still queued when it stopped).
  EXPECT_GE(K.Messages + K.Malformed, N / 2);
  EXPECT_GT(K.Malformed, N / 4);
  EXPECT_GT(K.Unexpected, 0u);
}

TEST(Fuzz, HomeSurvivesForgedCommitsAndAtomics) {
  constexpr size_t PageSize = DISTOMP_PAGE_SIZE;
  // The memory forged messages may aim at, and a guard page after it that
  // must keep its bytes (it is this process's heap too: a stray write
  // anywhere else would crash the test sooner or later).
  static uint8_t *Memory = static_cast<uint8_t *>(std::aligned_alloc(PageSize, 3 * PageSize));
  std::memset(Memory, 0x5A, 3 * PageSize);
  std::string Endpoint = rt::startHome("tcp://127.0.0.1:*", "127.0.0.1");
  zmq::context_t &Ctx = rt::context();
  zmq::socket_t S(Ctx, zmq::socket_type::dealer);
  configureSocket(S);
  S.set(zmq::sockopt::linger, 0);
  S.connect(Endpoint);
  uint64_t Page = reinterpret_cast<uintptr_t>(Memory) >> DISTOMP_PAGE_SHIFT;
  Values V(11);
  size_t N = campaignSize();
  for (size_t I = 0; I < N; ++I) {
    FBB B;
    switch (V.Rng() % 3) {
    case 0: {
      std::vector<uint64_t> Pages{V.coin() ? Page + V.Rng() % 2 : V.any() >> 17};
      std::vector<uint32_t> Counts{V.small(3)};
      std::vector<PageRun> Runs{PageRun(uint16_t(V.small(PageSize)), uint16_t(V.small(64)))};
      std::vector<uint8_t> Data(V.Rng() % 80, 0x33);
      std::vector<uint64_t> Masks(V.coin() ? 64 : V.Rng() % 3, V.any());
      finish(B, CreateCommit(B, V.small(3), V.small(4), V.small(), V.small(), V.coin(),
                             B.CreateVector(Pages), B.CreateVector(Counts),
                             B.CreateVectorOfStructs(Runs), B.CreateVector(Data), V.small(),
                             V.coin(), 0, B.CreateVector(Masks), V.small(8) == 0));
      break;
    }
    case 1: {
      uint64_t Addr = V.coin() ? reinterpret_cast<uintptr_t>(Memory) + V.small(2 * PageSize)
                               : V.any();
      finish(B, CreateAtomicOp(B, V.small(3), V.small(4), V.small(), V.small(), Addr, V.small(17),
                               V.small(120), V.any(), V.any()));
      break;
    }
    default:
      finish(B, CreatePageRequest(B, V.coin() ? Page : V.any(), V.small(2000)));
      break;
    }
    sendBytes(S, mutate(V, B));
    if (I % 64 == 0)
      while (receive(S, 0)) {
      }
  }
  while (receive(S, 200)) {
  }
  // The guard page is whole, and a valid commit is still applied.
  for (size_t I = 2 * PageSize; I < 3 * PageSize; ++I)
    ASSERT_EQ(Memory[I], 0x5A) << "byte " << I << " of the guard page";
  FBB B;
  std::vector<uint64_t> Pages{Page};
  std::vector<uint32_t> Counts{1};
  std::vector<PageRun> Runs{PageRun(8, 2)};
  std::vector<uint8_t> Data{7, 9};
  finish(B, CreateCommit(B, 1, 1, 0, 0, true, B.CreateVector(Pages), B.CreateVector(Counts),
                         B.CreateVectorOfStructs(Runs), B.CreateVector(Data), 0, true));
  send(S, B);
  ASSERT_TRUE(awaitType(S, Body::CommitAck, 5000));
  EXPECT_EQ(Memory[8], 7);
  EXPECT_EQ(Memory[9], 9);
}
