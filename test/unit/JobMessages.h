//===- JobMessages.h - Playing a job's processes in unit tests ---*- C++ -*-===//
//
// Helpers for tests that talk to a coordinator or a home over ZeroMQ as a
// job's processes would.
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_TEST_UNIT_JOBMESSAGES_H
#define DISTOMP_TEST_UNIT_JOBMESSAGES_H

#include "transport.h"

#include <chrono>
#include <optional>

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

} // namespace distomp::test

#endif
