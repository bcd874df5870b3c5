//===- Coordinator.h - Membership, regions, chunks, locks, directory -*- C++ -*-===//
//
// The coordinator of one job at a time: a ZeroMQ ROUTER loop in the manner
// of the ZeroMQ guide's Majordomo and Paranoid Pirate. It never runs user
// code. The same class runs as the standalone distomp-coordinator and as a
// thread inside the master (the embedded default).
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_COORDINATOR_COORDINATOR_H
#define DISTOMP_COORDINATOR_COORDINATOR_H

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

namespace zmq {
class context_t;
}

namespace distomp::coordinator {

struct Options {
  std::string Listen = "tcp://127.0.0.1:*"; ///< ZeroMQ endpoint; port * picks one
  std::string AlsoListen; ///< a second endpoint (embedded: inproc:// for the master)
  unsigned HeartbeatMs = 250;
  unsigned LivenessMs = 3000;    ///< silence after which a process is dead
  unsigned JoinTimeoutMs = 20000; ///< how long a region waits for expected processes
  bool ExitAfterJob = false;     ///< embedded: stop when the master leaves
};

struct Counters {
  uint64_t Messages = 0, Sent = 0, Malformed = 0, Unexpected = 0, ChunksGranted = 0, Regions = 0,
           Barriers = 0, LockGrants = 0, LockRecalls = 0, DeadProcesses = 0, Replays = 0,
           Restarts = 0, Fenced = 0;
};

class Coordinator {
public:
  Coordinator(zmq::context_t &Context, Options Opts);
  ~Coordinator();

  /// The endpoint it is bound to (the actual port when Listen used *).
  std::string endpoint() const;

  /// Serves until Stop becomes true (checked every heartbeat), or, with
  /// ExitAfterJob, until the job's master has left.
  void run(const std::atomic<bool> &Stop);

  Counters counters() const;

private:
  struct Impl;
  std::unique_ptr<Impl> P;
};

} // namespace distomp::coordinator

#endif
