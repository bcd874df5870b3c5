//===- wire-probe.cpp - Malformed traffic for the coordinator's port ------===//
//
//   wire-probe ENDPOINT
//
// Connects as a ZeroMQ DEALER and sends what a broken or hostile peer might:
// random bytes, a valid message cut short, a message the coordinator never
// expects, a three-frame message, and a burst that gets the sender ignored.
//
//===----------------------------------------------------------------------===//
#include "transport.h"

#include <chrono>
#include <cstdio>
#include <random>
#include <thread>

using namespace distomp::wire;

int main(int Argc, char **Argv) {
  if (Argc != 2) {
    std::fprintf(stderr, "usage: wire-probe ENDPOINT\n");
    return 2;
  }
  zmq::context_t Ctx(1);
  zmq::socket_t S(Ctx, zmq::socket_type::dealer);
  configureSocket(S);
  S.set(zmq::sockopt::linger, 2000);
  S.connect(Argv[1]);
  std::mt19937 Rng(1);
  auto sendBytes = [&](const std::vector<uint8_t> &B) {
    S.send(zmq::const_buffer(B.data(), B.size()), zmq::send_flags::none);
  };
  // Random bytes, without and with our identifier.
  std::vector<uint8_t> Random(100);
  for (auto &B : Random)
    B = uint8_t(Rng());
  sendBytes(Random);
  std::memcpy(Random.data() + 4, MessageIdentifier(), 4);
  sendBytes(Random);
  // A valid message, cut short.
  flatbuffers::FlatBufferBuilder B;
  finish(B, CreateChunkRequest(B, 1, 0, 0, 35, 1000, 10, false));
  std::vector<uint8_t> Cut(B.GetBufferPointer(), B.GetBufferPointer() + B.GetSize() / 2);
  sendBytes(Cut);
  // A message only the coordinator sends.
  flatbuffers::FlatBufferBuilder G;
  finish(G, CreateChunkGrant(G, true, 0, 10, false));
  send(S, G);
  // Three frames at once.
  S.send(zmq::str_buffer("a"), zmq::send_flags::sndmore);
  S.send(zmq::str_buffer("b"), zmq::send_flags::sndmore);
  S.send(zmq::str_buffer("c"), zmq::send_flags::none);
  // Enough malformed messages to be ignored from now on.
  for (int I = 0; I < 20; ++I)
    sendBytes(Random);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  return 0;
}
