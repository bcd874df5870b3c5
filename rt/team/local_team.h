//===- local_team.h - A process's share of a distributed team -----*- C++ -*-===//
//
// A process may run several threads of one team (distomp-run --threads T).
// They share the process's page cache and meet at barriers in two steps:
// first among themselves, then the last to arrive speaks for all of them to
// the coordinator (one commit, one message, one invalidation), so a barrier
// costs O(processes) messages whatever the threads per process. The helper
// threads persist between regions.
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_RT_LOCAL_TEAM_H
#define DISTOMP_RT_LOCAL_TEAM_H

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>

namespace distomp::rt {

class LocalTeam {
public:
  LocalTeam(uint32_t FirstTid, uint32_t Count) : First(FirstTid), Size(Count) {}
  uint32_t firstTid() const { return First; }
  uint32_t size() const { return Size; }

  /// Every thread of the block calls it; the last to arrive runs Leader
  /// while the others wait, then all go on.
  void barrier(const std::function<void()> &Leader);

  /// A reduction (event Ws) takes the distributed lock once per block, so a
  /// loop's reductions cost O(processes) messages: the first thread to
  /// arrive runs Acquire; every thread returns holding the block's combine
  /// mutex, with the lock held. leaveReduction lets the next one combine;
  /// the block's last runs Release.
  void enterReduction(uint32_t Ws, const std::function<void()> &Acquire);
  void leaveReduction(const std::function<void()> &Release);

private:
  uint32_t First, Size;
  std::mutex M;
  std::condition_variable Cv;
  uint32_t Arrived = 0;
  uint64_t Generation = 0;
  // The reduction in progress.
  bool Reducing = false, LockHeld = false;
  uint32_t ReductionWs = 0, Combined = 0;
  std::mutex Combine;
};

/// Runs Body(Tid) for Tid in [Team.firstTid(), +size()): the first on the
/// calling thread, the others on helper threads; returns when all are done.
void runLocalTeam(LocalTeam &Team, const std::function<void(uint32_t Tid)> &Body);

/// Whether other threads of this process may run region code right now
/// (the calling thread is in a block of more than one): a release then
/// keeps the pages writable, since they may be written concurrently.
bool othersMayRun();

} // namespace distomp::rt

#endif
