//===- transport.h - ZeroMQ framing shared by every DistOMP process -*- C++ -*-===//
//
// DEALER sockets (master, workers) send one frame, the encoded Message. The
// ROUTER (coordinator, home) sees [identity, message] and answers to the
// identity. Oversized frames are refused by ZMQ_MAXMSGSIZE before they are
// ever buffered whole.
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_TRANSPORT_H
#define DISTOMP_TRANSPORT_H

#include "wire.h"

#include <zmq.hpp>

#include <cerrno>
#include <optional>
#include <string>
#include <vector>

namespace distomp::wire {

/// Options every DistOMP socket gets: no lingering at close, bounded
/// message size.
inline void configureSocket(zmq::socket_t &S) {
  S.set(zmq::sockopt::linger, 0);
  S.set(zmq::sockopt::maxmsgsize, int64_t(kMaxMessageBytes));
}

inline void send(zmq::socket_t &S, const flatbuffers::FlatBufferBuilder &B) {
  S.send(zmq::const_buffer(B.GetBufferPointer(), B.GetSize()), zmq::send_flags::none);
}

inline void sendTo(zmq::socket_t &S, const zmq::message_t &Identity,
                   const flatbuffers::FlatBufferBuilder &B) {
  S.send(zmq::const_buffer(Identity.data(), Identity.size()), zmq::send_flags::sndmore);
  send(S, B);
}

/// Polls one socket for input up to TimeoutMs (-1: forever). A signal
/// delivered to the thread (the program's own handlers) ends the wait early
/// with false, like a timeout; callers wait in slices anyway.
inline bool pollIn(zmq::socket_t &S, long TimeoutMs) {
  zmq::pollitem_t Item{S.handle(), 0, ZMQ_POLLIN, 0};
  try {
    return zmq::poll(&Item, 1, std::chrono::milliseconds(TimeoutMs)) > 0;
  } catch (const zmq::error_t &E) {
    if (E.num() == EINTR)
      return false;
    throw;
  }
}

/// Waits up to TimeoutMs (-1: forever) for one frame on a DEALER.
inline std::optional<zmq::message_t> receive(zmq::socket_t &S, long TimeoutMs) {
  if (!pollIn(S, TimeoutMs))
    return std::nullopt;
  zmq::message_t M;
  if (!S.recv(M, zmq::recv_flags::dontwait))
    return std::nullopt;
  return M;
}

/// The frames of the one message waiting on a ROUTER (after pollIn): its
/// sender's identity first. Empty if none was there after all.
inline std::vector<zmq::message_t> receiveParts(zmq::socket_t &S) {
  std::vector<zmq::message_t> Parts;
  for (;;) {
    zmq::message_t Part;
    if (!S.recv(Part, zmq::recv_flags::dontwait))
      break;
    bool More = Part.more();
    Parts.push_back(std::move(Part));
    if (!More)
      break;
  }
  return Parts;
}

} // namespace distomp::wire

#endif
