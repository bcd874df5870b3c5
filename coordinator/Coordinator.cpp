//===- Coordinator.cpp - The coordinator's loop ---------------------------===//
//
// Receives, checks and dispatches each message to its protocol step
// (CoordinatorImpl.h lists the files), and sends heartbeats and judges
// liveness between messages.
//
//===----------------------------------------------------------------------===//
#include "CoordinatorImpl.h"

namespace distomp::coordinator {

void Coordinator::Impl::reply(const std::string &Id, const FBB &B) {
  zmq::message_t IdMsg(Id.data(), Id.size());
  try {
    sendTo(Router, IdMsg, B);
    ++Count.Sent;
  } catch (const zmq::error_t &E) {
    logf(LogLevel::Warn, "could not send to %s: %s", hexIdentity(Id).c_str(), E.what());
  }
}

void Coordinator::Impl::sendShutdown(const std::string &Id, const std::string &Reason, bool Error) {
  FBB B;
  finish(B, CreateShutdown(B, B.CreateString(Reason), Error));
  reply(Id, B);
}

void Coordinator::Impl::dispatch(const std::string &Id, const zmq::message_t &Frame) {
  ++Count.Messages;
  std::string Why;
  const Message *M = decode(Frame.data(), Frame.size(), &Why);
  if (!M) {
    ++Count.Malformed;
    uint64_t N = ++MalformedBy[Id];
    logf(LogLevel::Warn, "dropped a malformed message (%zu bytes) from %s: %s", Frame.size(),
         hexIdentity(Id).c_str(), Why.c_str());
    if (N >= 16) {
      Ignored.insert(Id);
      logf(LogLevel::Warn, "ignoring %s from now on: %llu malformed messages",
           hexIdentity(Id).c_str(), (unsigned long long)N);
    }
    return;
  }
  std::string Bytes;
  switch (M->body_type()) {
  case Body::Join:
    Bytes.assign(static_cast<const char *>(Frame.data()), Frame.size());
    return onJoin(Id, *M->body_as_Join(), Bytes);
  case Body::Heartbeat:
    return onHeartbeat(Id, *M->body_as_Heartbeat());
  case Body::ChildExited:
    return onChildExited(Id, *M->body_as_ChildExited());
  case Body::RegionStart:
    return onRegionStart(Id, std::string(static_cast<const char *>(Frame.data()), Frame.size()));
  case Body::BarrierArrive:
    return onBarrierArrive(Id, *M->body_as_BarrierArrive(), Frame);
  case Body::CommitApplied:
    return onCommitApplied(Id, *M->body_as_CommitApplied());
  case Body::ChunkRequest:
    return onChunkRequest(Id, *M->body_as_ChunkRequest());
  case Body::SingleRequest:
    return onSingle(Id, *M->body_as_SingleRequest());
  case Body::LockRequest:
    return onLockRequest(Id, *M->body_as_LockRequest());
  case Body::LockRelease:
    return onLockRelease(Id, *M->body_as_LockRelease(), Frame);
  case Body::Shutdown:
    return onShutdownRequest(Id);
  case Body::Goodbye:
    return onGoodbye(Id, *M->body_as_Goodbye());
  default:
    ++Count.Unexpected;
    logf(LogLevel::Warn, "dropped an unexpected %s message from %s", EnumNameBody(M->body_type()),
         hexIdentity(Id).c_str());
  }
}

/// Handles one message if one comes within TimeoutMs; false if none came.
bool Coordinator::Impl::serveOne(long TimeoutMs) {
  if (!wire::pollIn(Router, TimeoutMs))
    return false;
  std::vector<zmq::message_t> Parts = wire::receiveParts(Router);
  if (Parts.empty())
    return true;
  std::string Id(static_cast<const char *>(Parts[0].data()), Parts[0].size());
  if (Ignored.count(Id)) {
    ++Count.Malformed;
  } else if (Parts.size() != 2) {
    ++Count.Malformed;
    logf(LogLevel::Warn, "dropped a message of %zu frame(s) from %s", Parts.size() - 1,
         hexIdentity(Id).c_str());
  } else {
    dispatch(Id, Parts[1]);
  }
  return true;
}

void Coordinator::Impl::run(const std::atomic<bool> &Stop) {
  auto NextBeat = SteadyClock::now();
  while (!Stop.load(std::memory_order_relaxed)) {
    serveOne(long(Opts.HeartbeatMs / 2 + 1));
    auto Now = SteadyClock::now();
    if (Now >= NextBeat) {
      sendHeartbeats();
      // What is queued is read before anyone is judged: a coordinator that
      // was itself stalled would otherwise declare live members dead.
      for (int I = 0; I < 100000 && serveOne(0); ++I) {
      }
      checkLiveness();
      NextBeat = Now + std::chrono::milliseconds(Opts.HeartbeatMs);
    }
    maybeStartRegion();
    if (JobOver) {
      JobOver = false;
      if (Opts.ExitAfterJob)
        return;
    }
  }
}

Coordinator::Coordinator(zmq::context_t &Context, Options Opts)
    : P(std::make_unique<Impl>(Context, std::move(Opts))) {}
Coordinator::~Coordinator() = default;
std::string Coordinator::endpoint() const { return P->Endpoint; }
void Coordinator::run(const std::atomic<bool> &Stop) { P->run(Stop); }
Counters Coordinator::counters() const { return P->Count; }

} // namespace distomp::coordinator
