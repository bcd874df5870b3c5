//===- ChunkBench.cpp - Chunk grants: the scheduler, and a coordinator's round trip
//
// The coordinator runs in this process on its own thread, listening on
// loopback TCP; the benchmark thread joins it as a one-process job's master,
// starts a region and asks for dynamic chunks of one iteration, as a worker
// thread does.
//
//===----------------------------------------------------------------------===//
#include "Coordinator.h"
#include "LoopScheduler.h"
#include "transport.h"
#include "wire.h"

#include <benchmark/benchmark.h>

#include <thread>
#include <unistd.h>

namespace {

using namespace distomp;
using FBB = flatbuffers::FlatBufferBuilder;

void BM_SchedulerNext(benchmark::State &S) {
  coordinator::LoopScheduler L(Schedule::Dynamic, uint64_t(1) << 62, 1, 2);
  uint32_t Tid = 0;
  for (auto _ : S) {
    benchmark::DoNotOptimize(L.next(Tid, false));
    Tid ^= 1;
  }
}
BENCHMARK(BM_SchedulerNext);

const wire::Message *call(zmq::socket_t &S, const FBB &B, zmq::message_t &Reply) {
  wire::send(S, B);
  if (!wire::pollIn(S, 5000) || !S.recv(Reply, zmq::recv_flags::none))
    return nullptr;
  return wire::decode(Reply.data(), Reply.size(), nullptr);
}

void BM_ChunkGrantRoundTrip(benchmark::State &S) {
  zmq::context_t Ctx;
  coordinator::Options O;
  O.Listen = "tcp://127.0.0.1:*";
  O.JoinTimeoutMs = 1000;
  coordinator::Coordinator C(Ctx, O);
  std::atomic<bool> Stop{false};
  std::thread Server([&] { C.run(Stop); });
  {
    zmq::socket_t Sock(Ctx, zmq::socket_type::dealer);
    wire::configureSocket(Sock);
    Sock.connect(C.endpoint());
    zmq::message_t Reply;
    FBB J;
    wire::finish(J, wire::CreateJoin(J, wire::Role::Master, wire::kProtocolVersion,
                                     J.CreateString("bench"), uint32_t(getpid()),
                                     J.CreateString("localhost"), J.CreateString("bench"),
                                     J.CreateString(""), 0, 1, kSchedStatic, 0, 1));
    const wire::Message *M = call(Sock, J, Reply);
    FBB R;
    wire::finish(R, wire::CreateRegionStart(R, 1));
    M = M && M->body_type() == wire::Body::Welcome ? call(Sock, R, Reply) : nullptr;
    if (!M || M->body_type() != wire::Body::RunRegion) {
      S.SkipWithError("the coordinator did not start the region");
    } else {
      uint64_t Seq = M->body_as_RunRegion()->seq();
      FBB Q;
      wire::finish(Q, wire::CreateChunkRequest(Q, Seq, 0, 0, kSchedDynamic, uint64_t(1) << 62, 1));
      zmq::message_t Grant;
      for (auto _ : S)
        if (!call(Sock, Q, Grant)) {
          S.SkipWithError("no grant within 5 s");
          break;
        }
    }
  }
  Stop = true;
  Server.join();
}
BENCHMARK(BM_ChunkGrantRoundTrip)->UseRealTime();

} // namespace
