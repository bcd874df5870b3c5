//===- local_team.cpp - A process's share of a distributed team -----------===//
#include "team/local_team.h"
#include "team/team.h"
#include "process/threads.h"

#include <vector>

namespace distomp::rt {
namespace {

/// Helper threads, started on first need and kept for later regions.
struct Helpers {
  std::mutex M;
  std::condition_variable Work, Done;
  uint64_t Job = 0;              // bumped for each region
  uint32_t Wanted = 0, Running = 0;
  uint32_t Started = 0;
  const std::function<void(uint32_t)> *Body = nullptr;
  uint32_t FirstTid = 0;

  void loop(uint32_t Index) {
    uint64_t Seen = 0;
    for (;;) {
      uint32_t Tid;
      const std::function<void(uint32_t)> *B;
      {
        std::unique_lock<std::mutex> L(M);
        Work.wait(L, [&] { return Job != Seen && Index < Wanted; });
        Seen = Job;
        Tid = FirstTid + 1 + Index;
        B = Body;
      }
      (*B)(Tid);
      std::lock_guard<std::mutex> L(M);
      if (--Running == 0)
        Done.notify_all();
    }
  }
};

Helpers &helpers() {
  static Helpers *H = new Helpers; // helpers run until the process ends
  return *H;
}

} // namespace

void LocalTeam::barrier(const std::function<void()> &Leader) {
  std::unique_lock<std::mutex> L(M);
  uint64_t Gen = Generation;
  if (++Arrived < Size) {
    Cv.wait(L, [&] { return Generation != Gen; });
    return;
  }
  L.unlock();
  Leader();
  L.lock();
  Arrived = 0;
  ++Generation;
  Cv.notify_all();
}

void LocalTeam::enterReduction(uint32_t Ws, const std::function<void()> &Acquire) {
  std::unique_lock<std::mutex> L(M);
  // A thread already at a later reduction (after a nowait one) waits for
  // the earlier one to finish.
  Cv.wait(L, [&] { return !Reducing || ReductionWs == Ws; });
  if (!Reducing) {
    Reducing = true;
    ReductionWs = Ws;
    L.unlock();
    Acquire();
    L.lock();
    LockHeld = true;
    Cv.notify_all();
  } else {
    Cv.wait(L, [&] { return LockHeld; });
  }
  L.unlock();
  Combine.lock();
}

void LocalTeam::leaveReduction(const std::function<void()> &Release) {
  Combine.unlock();
  std::unique_lock<std::mutex> L(M);
  if (++Combined < Size)
    return;
  L.unlock();
  Release();
  L.lock();
  Reducing = LockHeld = false;
  Combined = 0;
  Cv.notify_all();
}

void runLocalTeam(LocalTeam &Team, const std::function<void(uint32_t)> &Body) {
  uint32_t Extra = Team.size() - 1;
  if (Extra == 0)
    return Body(Team.firstTid());
  Helpers &H = helpers();
  {
    std::lock_guard<std::mutex> L(H.M);
    while (H.Started < Extra) {
      uint32_t Index = H.Started++;
      startServiceThread("team helper", [&H, Index] { H.loop(Index); }).detach();
    }
    H.Body = &Body;
    H.FirstTid = Team.firstTid();
    H.Wanted = Extra;
    H.Running = Extra;
    ++H.Job;
  }
  H.Work.notify_all();
  Body(Team.firstTid());
  std::unique_lock<std::mutex> L(H.M);
  H.Done.wait(L, [&] { return H.Running == 0; });
}

bool othersMayRun() {
  const TeamState &T = team();
  return T.Local && T.Local->size() > 1;
}

} // namespace distomp::rt
