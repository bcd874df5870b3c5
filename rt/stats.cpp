//===- stats.cpp - What this process did, for DISTOMP_STATS=1 -------------===//
#include "stats.h"

#include <cstdio>
#include <unistd.h>

namespace distomp::rt {
namespace {
thread_local unsigned TimerDepth = 0;

void formatBytes(char *Buf, size_t Size, uint64_t B) {
  if (B >= (1u << 20))
    std::snprintf(Buf, Size, "%.1f MiB", B / 1048576.0);
  else if (B >= 1024)
    std::snprintf(Buf, Size, "%.1f KiB", B / 1024.0);
  else
    std::snprintf(Buf, Size, "%llu B", (unsigned long long)B);
}
} // namespace

ProcessStats &stats() {
  static ProcessStats *S = new ProcessStats; // used until _exit
  return *S;
}

RuntimeTimer::RuntimeTimer(bool W) : Start(nowNs()), Outermost(TimerDepth++ == 0), Wait(W) {}

RuntimeTimer::~RuntimeTimer() {
  --TimerDepth;
  uint64_t D = nowNs() - Start;
  if (Outermost)
    stats().RuntimeNs += D;
  if (Wait)
    stats().WaitNs += D;
}

void printStats(uint32_t Rank, bool IsMaster) {
  ProcessStats &S = stats();
  char Host[128] = {};
  gethostname(Host, sizeof Host - 1);
  char In[32], Out[32], Fetched[32], Diff[32];
  formatBytes(In, sizeof In, S.BytesIn);
  formatBytes(Out, sizeof Out, S.BytesOut);
  formatBytes(Fetched, sizeof Fetched, S.PagesFetched * 4096);
  formatBytes(Diff, sizeof Diff, S.DiffBytes);
  uint64_t Region = S.RegionNs, Runtime = S.RuntimeNs;
  uint64_t User = Region > Runtime ? Region - Runtime : 0;
  char Line[768];
  int N = std::snprintf(
      Line, sizeof Line,
      "distomp: stats: rank %u (%s, pid %d on %s): %llu chunks, %llu iterations, "
      "%llu pages fetched (%s in %llu requests), %llu page faults, %llu invalidations, "
      "%llu diffs sent (%s), %llu pages served, %llu commits applied, bytes in %s, out %s, "
      "user %.3f s, runtime %.3f s (waiting %.3f s)\n",
      Rank, IsMaster ? "master" : "worker", int(getpid()), Host,
      (unsigned long long)S.Chunks, (unsigned long long)S.Iterations,
      (unsigned long long)S.PagesFetched, Fetched, (unsigned long long)S.FetchRequests,
      (unsigned long long)S.Faults, (unsigned long long)S.Invalidations,
      (unsigned long long)S.DiffsSent, Diff, (unsigned long long)S.PagesServed,
      (unsigned long long)S.CommitsApplied, In, Out, User / 1e9, Runtime / 1e9,
      S.WaitNs / 1e9);
  if (N > int(sizeof Line))
    N = sizeof Line;
  ssize_t Ignored = write(STDERR_FILENO, Line, N);
  (void)Ignored;
}

} // namespace distomp::rt
