//===- messaging.h - This process's sockets and its requests -----*- C++ -*-===//
//
// Each thread that talks to the coordinator or the home has its own DEALER
// socket (ZeroMQ sockets are not shared between threads), created on first
// use. A request waits for its reply without a deadline only while the
// heartbeat thread still hears the coordinator; otherwise within
// DISTOMP_TIMEOUT_MS.
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_RT_MESSAGING_H
#define DISTOMP_RT_MESSAGING_H

#include "transport.h"

#include <string>

namespace distomp::rt {

zmq::context_t &context();

/// Endpoint: where processes reach the coordinator; Local, if set, where
/// this process's own threads do (the embedded coordinator's inproc://).
void setCoordinatorEndpoint(const std::string &Endpoint, const std::string &Local = "");
void setHomeEndpoint(const std::string &Endpoint);
const std::string &coordinatorEndpoint();

/// A new socket to the coordinator, for a thread that is yet to start
/// (ZeroMQ allows handing a socket over at thread creation).
zmq::socket_t *connectToCoordinator();

/// This thread's socket to the coordinator.
zmq::socket_t &coordinatorSocket();
/// This thread's second socket to the coordinator, for chunk requests only:
/// the next chunk's request is in flight while the thread runs the current
/// one, whose code may meet a lock or an atomic on the first socket.
zmq::socket_t &chunkSocket();
/// This thread's socket to the home. Acknowledgements of commits left for
/// later (expectCommitAck) are read first, so that each request on it meets
/// its own answer.
zmq::socket_t &homeSocket();

/// A verified message and the frame that holds it.
struct Received {
  zmq::message_t Frame;
  const wire::Message *Msg = nullptr;
};

/// Sends B.
void sendMessage(zmq::socket_t &S, const flatbuffers::FlatBufferBuilder &B);

/// Waits for a message of body type Expect (or, if AlsoAccept is not NONE,
/// of that type). TimeoutMs 0 waits as long as the coordinator lives. What
/// names the wait in the error on timeout.
Received awaitMessage(zmq::socket_t &S, wire::Body Expect, const char *What, unsigned TimeoutMs,
                      wire::Body AlsoAccept = wire::Body::NONE);

/// A commit was just sent on this thread's home socket; its acknowledgement
/// is read later, within BoundMs: by awaitCommitAcks or the next homeSocket().
void expectCommitAck(unsigned BoundMs);

/// Reads the acknowledgement of a commit now (BoundMs), or all those left
/// for later; stops the process if the home refused a commit.
void awaitCommitAck(unsigned BoundMs);
void awaitCommitAcks();

/// sendMessage then awaitMessage.
Received request(zmq::socket_t &S, const flatbuffers::FlatBufferBuilder &B, wire::Body Expect,
                 const char *What, unsigned TimeoutMs = 0,
                 wire::Body AlsoAccept = wire::Body::NONE);

} // namespace distomp::rt

#endif
