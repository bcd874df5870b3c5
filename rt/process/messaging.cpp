//===- messaging.cpp - This process's sockets and its requests ------------===//
#include "process/messaging.h"
#include "process/diag.h"
#include "process/process.h"
#include "process/stats.h"
#include "process/trace.h"
#include "team/replay_probe.h"

#include "log.h"

#include <memory>

namespace distomp::rt {
namespace {

// Never destroyed: service threads read them while exit() runs destructors.
std::string &CoordinatorEp = *new std::string, &LocalCoordinatorEp = *new std::string,
            &HomeEp = *new std::string;

// Sockets live as long as the process: exit() destroys thread-local objects
// before it runs atexit handlers, and the master's shutdown needs its socket.
zmq::socket_t *connect(const std::string &Endpoint) {
  if (Endpoint.empty())
    fatal("internal error: a connection before the endpoint is known");
  auto *S = new zmq::socket_t(context(), zmq::socket_type::dealer);
  wire::configureSocket(*S);
  S->set(zmq::sockopt::immediate, 0);
  S->connect(Endpoint);
  return S;
}

} // namespace

zmq::context_t &context() {
  static zmq::context_t *C = new zmq::context_t(1); // never torn down: workers _exit
  return *C;
}

void setCoordinatorEndpoint(const std::string &E, const std::string &Local) {
  CoordinatorEp = E;
  LocalCoordinatorEp = Local;
}
void setHomeEndpoint(const std::string &E) { HomeEp = E; }
const std::string &coordinatorEndpoint() { return CoordinatorEp; }

zmq::socket_t *connectToCoordinator() {
  return connect(LocalCoordinatorEp.empty() ? CoordinatorEp : LocalCoordinatorEp);
}

zmq::socket_t &coordinatorSocket() {
  thread_local zmq::socket_t *S = nullptr;
  if (!S)
    S = connectToCoordinator();
  return *S;
}

zmq::socket_t &chunkSocket() {
  thread_local zmq::socket_t *S = nullptr;
  if (!S)
    S = connectToCoordinator();
  return *S;
}

namespace {
// The bound of this thread's commit acknowledgement left unread, 0 if none:
// at most one, since every commit's sending reads the one before.
thread_local unsigned PendingAckBound = 0;

zmq::socket_t &homeSocketAsIs() {
  thread_local zmq::socket_t *S = nullptr;
  if (!S)
    S = connect(HomeEp);
  return *S;
}
} // namespace

void expectCommitAck(unsigned BoundMs) {
  awaitCommitAcks();
  PendingAckBound = BoundMs ? BoundMs : 1;
}

void awaitCommitAck(unsigned BoundMs) {
  Received R = awaitMessage(homeSocketAsIs(), wire::Body::CommitAck, "the home to apply a commit",
                            BoundMs);
  const wire::CommitAck *Ack = R.Msg->body_as_CommitAck();
  if (Ack->error() && Ack->error()->size())
    fatal("the home could not apply this worker's changes: %s", Ack->error()->c_str());
}

void awaitCommitAcks() {
  if (unsigned Bound = PendingAckBound) {
    PendingAckBound = 0;
    awaitCommitAck(Bound);
  }
}

zmq::socket_t &homeSocket() {
  awaitCommitAcks();
  return homeSocketAsIs();
}

void sendMessage(zmq::socket_t &S, const flatbuffers::FlatBufferBuilder &B) {
  if (probing()) // a replay's check must not talk to the job
    probeWouldSend(wire::EnumNameBody(wire::GetMessage(B.GetBufferPointer())->body_type()));
  stats().BytesOut += B.GetSize();
  ++stats().MessagesOut;
  wire::send(S, B);
}

namespace {

WaitKind waitKindOf(wire::Body Expect) {
  switch (Expect) {
  case wire::Body::PageData:
    return WaitKind::Pages;
  case wire::Body::CommitAck:
    return WaitKind::Commits;
  case wire::Body::BarrierRelease:
    return WaitKind::Barriers;
  case wire::Body::ChunkGrant:
    return WaitKind::Chunks;
  default:
    return WaitKind::Other;
  }
}

const char *waitName(WaitKind K) {
  static const char *const Names[] = {"wait for pages", "wait for a commit's ack",
                                      "wait at a barrier", "wait for a chunk", "wait"};
  return Names[int(K)];
}

/// Adds the time until it goes out of scope to Expect's kind of wait.
struct WaitTimer {
  WaitKind Kind;
  uint64_t Start = nowNs();
  ~WaitTimer() { stats().WaitNsFor[int(Kind)] += nowNs() - Start; }
};

} // namespace

Received awaitMessage(zmq::socket_t &S, wire::Body Expect, const char *What, unsigned TimeoutMs,
                      wire::Body AlsoAccept) {
  WaitTimer Timer{waitKindOf(Expect)};
  TraceSpan Span(waitName(Timer.Kind), What);
  uint64_t Deadline = TimeoutMs ? nowNs() + uint64_t(TimeoutMs) * 1000000 : 0;
  for (;;) {
    long Slice = 200;
    if (Deadline) {
      uint64_t Now = nowNs();
      if (Now >= Deadline)
        fatal("no answer from %s within %u ms (%s)", CoordinatorEp.c_str(), TimeoutMs, What);
      Slice = long((Deadline - Now) / 1000000) + 1;
      if (Slice > 200)
        Slice = 200;
    }
    std::optional<zmq::message_t> F = wire::receive(S, Slice);
    if (!F)
      continue;
    stats().BytesIn += F->size();
    std::string Why;
    const wire::Message *M = wire::decode(F->data(), F->size(), &Why);
    if (!M) {
      logf(LogLevel::Warn, "dropped a malformed message (%zu bytes) while waiting for %s: %s",
           F->size(), What, Why.c_str());
      continue;
    }
    if (M->body_type() == wire::Body::Fenced)
      endFenced(wire::toString(M->body_as_Fenced()->reason()).c_str());
    if (M->body_type() == Expect ||
        (AlsoAccept != wire::Body::NONE && M->body_type() == AlsoAccept))
    {
      // Small frames live inside the message object: find the root again
      // after the move.
      Received R{std::move(*F), nullptr};
      R.Msg = wire::GetMessage(R.Frame.data());
      return R;
    }
    logf(LogLevel::Warn, "dropped an unexpected %s message while waiting for %s",
         wire::EnumNameBody(M->body_type()), What);
  }
}

Received request(zmq::socket_t &S, const flatbuffers::FlatBufferBuilder &B, wire::Body Expect,
                 const char *What, unsigned TimeoutMs, wire::Body AlsoAccept) {
  sendMessage(S, B);
  return awaitMessage(S, Expect, What, TimeoutMs, AlsoAccept);
}

} // namespace distomp::rt
