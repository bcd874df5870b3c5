//===- kept_locks.cpp - Critical sections' locks a process keeps ----------===//
#include "team/kept_locks.h"
#include "process/config.h"
#include "process/diag.h"
#include "process/stats.h"
#include "team/replay_probe.h"
#include "team/team.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <unordered_map>

namespace distomp::rt {
namespace {

/// The longest a recalled lock stays for re-entries (KeptLock::HoldUntilNs),
/// and the most re-entries it stays for: entries that find nothing to do
/// (threads taking turns, each entering until it is its turn) come fast,
/// and would otherwise keep the waiter out for the whole hold.
constexpr uint64_t MaxHoldNs = 4000000;
constexpr uint32_t MaxEntriesInHold = 256;

struct KeptLock {
  uint64_t Grant = 0;
  bool Inside = true;    // a thread of this process is in the critical section
  bool Recalled = false; // someone waits: released as soon as none is inside
  // Until then a recall waits and the process's threads may enter again
  // (0: no hold). See grantedKeepable.
  uint64_t HoldUntilNs = 0;
  uint32_t EntriesInHold = 0; // since the recall
  // Of the thread that left it last: the release made on its behalf.
  uint64_t Seq = 0;
  uint32_t Tid = 0, Ws = 0, Epoch = 0;
};

// The mutex and the count in the runtime's own data, not the heap: a replay
// probe runs the barrier path with the program's memory (the heap included)
// read-only, and must store nothing there. The maps are never destroyed:
// the heartbeat thread may read them while exit() runs.
std::mutex Mutex;                 // constant-initialized, trivially destroyed
std::atomic<size_t> KeptCount{0}; // Kept.size(), read without the mutex
auto &Kept = *new std::unordered_map<uint64_t, KeptLock>;
auto &EarlyRecalls = *new std::unordered_map<uint64_t, uint64_t>; // name -> grant
// Releases on behalf under way (taken from Kept, not yet sent), and their end.
unsigned ReleasingOnBehalf = 0;
auto &ReleasedOnBehalf = *new std::condition_variable;
auto &GaveUpAt = *new std::unordered_map<uint64_t, uint64_t>; // name -> nowNs() of its last release
// When the heartbeat thread last met a recall before its grant: the grant's
// hold then starts on another thread, unseen by the heartbeat thread, which
// looks every EarlyRecallPollNs for a while (EarlyRecallWatchNs).
std::atomic<uint64_t> EarlyRecallAt{0};
constexpr uint64_t EarlyRecallPollNs = 1000000, EarlyRecallWatchNs = 100000000;

/// Takes It out of Kept for its release. Caller holds Mutex.
KeptLock takeForRelease(std::unordered_map<uint64_t, KeptLock>::iterator It) {
  KeptLock K = It->second;
  if (!probing()) // a probe's child stores nothing on the heap
    GaveUpAt[It->first] = nowNs();
  Kept.erase(It);
  KeptCount = Kept.size();
  return K;
}

/// The release of K, taken for it with ReleasingOnBehalf counted, on behalf
/// of the thread that left it last: by the heartbeat thread (OnBehalf) or
/// by a thread about to ask for it again.
void releaseOnBehalf(uint64_t Name, const KeptLock &K, zmq::socket_t &Socket, bool OnBehalf) {
  TeamState T; // the thread that left it last, as far as its release goes
  T.Seq = K.Seq;
  T.Tid = K.Tid;
  T.Ws = K.Ws;
  T.Epoch = K.Epoch;
  releaseLockFor(T, Name, OnBehalf, Socket);
  std::lock_guard<std::mutex> G(Mutex);
  --ReleasingOnBehalf;
  ReleasedOnBehalf.notify_all();
}

} // namespace

bool enterKeptLock(uint64_t Name, zmq::socket_t &Socket) {
  KeptLock K;
  {
    std::lock_guard<std::mutex> G(Mutex);
    auto It = Kept.find(Name);
    if (It == Kept.end() || It->second.Inside)
      return false;
    KeptLock &L = It->second;
    if (!L.Recalled || (nowNs() < L.HoldUntilNs && ++L.EntriesInHold <= MaxEntriesInHold)) {
      L.Inside = true;
      ++stats().LocksKept;
      return true;
    }
    K = takeForRelease(It); // recalled, its hold spent: the waiter's turn
    ++ReleasingOnBehalf;
  }
  releaseOnBehalf(Name, K, Socket, /*OnBehalf=*/false);
  return false;
}

void grantedKeepable(uint64_t Name, uint64_t Grant, uint64_t AskedAtNs) {
  std::lock_guard<std::mutex> G(Mutex);
  KeptLock K;
  K.Grant = Grant;
  // A process that asked again sooner after giving the lock up than the
  // grant then took will likely be back soon again: it holds the lock for
  // as long as the grant took (at most MaxHoldNs) before a recall lets it
  // go. A lock entered once per sample by every process would otherwise
  // move at nearly every entry, each move a recall, a release and a grant
  // (at 3 processes, 1,354 grants for 1,667 entries per worker); held, at
  // least half its time goes to entries.
  uint64_t Now = nowNs(), Waited = Now - AskedAtNs;
  if (auto Up = GaveUpAt.find(Name); Up != GaveUpAt.end() && AskedAtNs - Up->second < Waited)
    K.HoldUntilNs = Now + std::min(Waited, MaxHoldNs);
  if (auto E = EarlyRecalls.find(Name); E != EarlyRecalls.end()) {
    K.Recalled = E->second == Grant; // older: for a grant released already
    if (E->second <= Grant)
      EarlyRecalls.erase(E);
  }
  Kept[Name] = K;
  KeptCount = Kept.size();
}

bool leaveKeptLock(uint64_t Name, const TeamState &T) {
  std::lock_guard<std::mutex> G(Mutex);
  auto It = Kept.find(Name);
  if (It == Kept.end())
    return false;
  if (It->second.Recalled && nowNs() >= It->second.HoldUntilNs) {
    takeForRelease(It);
    return false;
  }
  KeptLock &K = It->second;
  K.Inside = false;
  K.Seq = T.Seq;
  K.Tid = T.Tid;
  K.Ws = T.Ws;
  K.Epoch = T.Epoch;
  return true;
}

bool keepsLocks() { return KeptCount.load() != 0; }

std::vector<uint64_t> takeKeptLocks() {
  if (KeptCount.load() == 0)
    return {};
  std::lock_guard<std::mutex> G(Mutex);
  std::vector<uint64_t> Names;
  for (auto It = Kept.begin(); It != Kept.end();) {
    if (It->second.Inside) {
      ++It;
      continue;
    }
    Names.push_back(It->first);
    takeForRelease(It++);
  }
  return Names;
}

void onLockRecall(uint64_t Name, uint64_t Grant, zmq::socket_t &Socket) {
  KeptLock K;
  {
    std::lock_guard<std::mutex> G(Mutex);
    auto It = Kept.find(Name);
    if (It == Kept.end() || It->second.Grant < Grant) {
      uint64_t &E = EarlyRecalls[Name]; // its grant is on its way
      E = std::max(E, Grant);
      EarlyRecallAt = nowNs();
      return;
    }
    if (It->second.Grant > Grant)
      return; // for a grant released already
    It->second.Recalled = true;
    if (It->second.Inside || nowNs() < It->second.HoldUntilNs)
      return; // released by the thread inside as it leaves, or when the hold ends
    K = takeForRelease(It);
    ++ReleasingOnBehalf; // with the erasure: keepsLocks() or this, never neither
  }
  releaseOnBehalf(Name, K, Socket, /*OnBehalf=*/true);
}

uint64_t releaseHeldLocksDue(zmq::socket_t &Socket) {
  uint64_t Early = EarlyRecallAt.load(), Now = nowNs();
  uint64_t Next = Early && Now - Early < EarlyRecallWatchNs ? EarlyRecallPollNs : 0;
  if (KeptCount.load() == 0)
    return Next;
  std::vector<std::pair<uint64_t, KeptLock>> Due;
  {
    std::lock_guard<std::mutex> G(Mutex);
    for (auto It = Kept.begin(); It != Kept.end();) {
      const KeptLock &K = It->second;
      if (K.Recalled && Now < K.HoldUntilNs) {
        // Inside or not: a thread that leaves before the hold ends keeps it.
        Next = Next ? std::min(Next, K.HoldUntilNs - Now) : K.HoldUntilNs - Now;
        ++It;
      } else if (!K.Recalled || K.Inside) {
        ++It; // not asked for, or released by the thread inside as it leaves
      } else {
        uint64_t Name = It->first;
        Due.emplace_back(Name, takeForRelease(It++));
        ++ReleasingOnBehalf;
      }
    }
  }
  for (auto &[Name, K] : Due)
    releaseOnBehalf(Name, K, Socket, /*OnBehalf=*/true);
  return Next;
}

void awaitReleasesOnBehalf() {
  std::unique_lock<std::mutex> G(Mutex);
  // The release's own waits are bounded (its commit's acknowledgement).
  auto Bound = std::chrono::milliseconds(2 * config().TimeoutMs);
  if (!ReleasedOnBehalf.wait_for(G, Bound, [] { return ReleasingOnBehalf == 0; }))
    fatal("internal error: a kept lock's release on behalf of a thread took over %u ms",
          2 * config().TimeoutMs);
}

} // namespace distomp::rt
