//===- kept_locks.cpp - Critical sections' locks a process keeps ----------===//
#include "team/kept_locks.h"
#include "process/stats.h"
#include "team/team.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <unordered_map>

namespace distomp::rt {
namespace {

struct KeptLock {
  uint64_t Grant = 0;
  bool Inside = true;    // a thread of this process is in the critical section
  bool Recalled = false; // someone waits: released as soon as none is inside
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

} // namespace

bool enterKeptLock(uint64_t Name) {
  std::lock_guard<std::mutex> G(Mutex);
  auto It = Kept.find(Name);
  if (It == Kept.end() || It->second.Inside || It->second.Recalled)
    return false;
  It->second.Inside = true;
  ++stats().LocksKept;
  return true;
}

void grantedKeepable(uint64_t Name, uint64_t Grant) {
  std::lock_guard<std::mutex> G(Mutex);
  KeptLock K;
  K.Grant = Grant;
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
  if (It->second.Recalled) {
    Kept.erase(It);
    KeptCount = Kept.size();
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
    It = Kept.erase(It);
  }
  KeptCount = Kept.size();
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
      return;
    }
    if (It->second.Grant > Grant)
      return; // for a grant released already
    if (It->second.Inside) {
      It->second.Recalled = true;
      return;
    }
    K = It->second;
    Kept.erase(It);
    KeptCount = Kept.size();
  }
  TeamState T; // the thread that left it last, as far as its release goes
  T.Seq = K.Seq;
  T.Tid = K.Tid;
  T.Ws = K.Ws;
  T.Epoch = K.Epoch;
  releaseLockFor(T, Name, /*OnBehalf=*/true, Socket);
}

} // namespace distomp::rt
