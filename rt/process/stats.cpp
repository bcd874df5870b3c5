//===- stats.cpp - What this process did, for DISTOMP_STATS=1 -------------===//
#include "process/stats.h"
#include "process/config.h"

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

RuntimeTimer::RuntimeTimer() : Start(nowNs()), Outermost(TimerDepth++ == 0) {}

RuntimeTimer::~RuntimeTimer() {
  --TimerDepth;
  uint64_t D = nowNs() - Start;
  if (Outermost)
    stats().RuntimeNs += D;
}

void printStats(uint32_t Rank, bool IsMaster, const CoordinatorTotals *Co) {
  ProcessStats &S = stats();
  char Host[128] = {};
  gethostname(Host, sizeof Host - 1);
  uint64_t Region = S.RegionNs, Runtime = S.RuntimeNs;
  uint64_t User = Region > Runtime ? Region - Runtime : 0;
  double Waits[5], Waited = 0;
  for (int K = 0; K < 5; ++K)
    Waited += Waits[K] = S.WaitNsFor[K] / 1e9;
  char Line[1280];
  int N;
  if (config().StatsJson) {
    char Coord[160] = "";
    if (Co)
      std::snprintf(Coord, sizeof Coord,
                    ", \"coordinator\": {\"received\": %llu, \"sent\": %llu, \"chunks\": %llu}",
                    (unsigned long long)Co->Received, (unsigned long long)Co->Sent,
                    (unsigned long long)Co->ChunksGranted);
    N = std::snprintf(
        Line, sizeof Line,
        "distomp: stats-json: {\"rank\": %u, \"master\": %s, \"pid\": %d, \"regions\": %llu, "
        "\"chunks\": %llu, "
        "\"iterations\": %llu, \"pages_fetched\": %llu, \"fetch_requests\": %llu, "
        "\"pages_committed\": %llu, \"diff_bytes\": %llu, \"pages_served\": %llu, "
        "\"commits_applied\": %llu, \"bytes_in\": %llu, \"bytes_out\": %llu, "
        "\"messages_out\": %llu, \"lock_grants\": %llu, \"locks_kept\": %llu, "
        "\"atomic_updates\": %llu, \"atomic_updates_sent\": %llu, \"user_s\": %.6f, "
        "\"runtime_s\": %.6f, \"wait_s\": "
        "{\"pages\": %.6f, \"commits\": %.6f, \"barriers\": %.6f, \"chunks\": %.6f, "
        "\"other\": %.6f}%s}\n",
        Rank, IsMaster ? "true" : "false", int(getpid()), (unsigned long long)S.Regions,
        (unsigned long long)S.Chunks, (unsigned long long)S.Iterations,
        (unsigned long long)S.PagesFetched, (unsigned long long)S.FetchRequests,
        (unsigned long long)S.PagesCommitted, (unsigned long long)S.DiffBytes,
        (unsigned long long)S.PagesServed, (unsigned long long)S.CommitsApplied,
        (unsigned long long)S.BytesIn, (unsigned long long)S.BytesOut,
        (unsigned long long)S.MessagesOut, (unsigned long long)S.LockGrants,
        (unsigned long long)S.LocksKept, (unsigned long long)S.UpdatesKept,
        (unsigned long long)S.UpdatesPerformed, User / 1e9, Runtime / 1e9, Waits[0], Waits[1],
        Waits[2], Waits[3], Waits[4], Coord);
  } else {
    char In[32], Out[32], Fetched[32], Diff[32];
    formatBytes(In, sizeof In, S.BytesIn);
    formatBytes(Out, sizeof Out, S.BytesOut);
    formatBytes(Fetched, sizeof Fetched, S.PagesFetched * 4096);
    formatBytes(Diff, sizeof Diff, S.DiffBytes);
    N = std::snprintf(
        Line, sizeof Line,
        "distomp: stats: rank %u (%s, pid %d on %s): %llu regions, %llu chunks, %llu iterations, "
        "%llu pages fetched (%s in %llu requests), %llu page faults, %llu invalidations, "
        "%llu pages committed (%s), %llu pages served, %llu commits applied, bytes in %s, out %s "
        "(%llu messages), %llu lock grants, %llu kept, %llu atomic updates (%llu sent), user %.3f "
        "s, runtime %.3f s; waited %.3f s "
        "(pages %.3f, commits "
        "%.3f, barriers %.3f, chunks %.3f, other %.3f)\n",
        Rank, IsMaster ? "master" : "worker", int(getpid()), Host, (unsigned long long)S.Regions,
        (unsigned long long)S.Chunks, (unsigned long long)S.Iterations,
        (unsigned long long)S.PagesFetched, Fetched, (unsigned long long)S.FetchRequests,
        (unsigned long long)S.Faults, (unsigned long long)S.Invalidations,
        (unsigned long long)S.PagesCommitted, Diff, (unsigned long long)S.PagesServed,
        (unsigned long long)S.CommitsApplied, In, Out, (unsigned long long)S.MessagesOut,
        (unsigned long long)S.LockGrants, (unsigned long long)S.LocksKept,
        (unsigned long long)S.UpdatesKept, (unsigned long long)S.UpdatesPerformed, User / 1e9,
        Runtime / 1e9, Waited, Waits[0], Waits[1], Waits[2], Waits[3], Waits[4]);
  }
  if (N > int(sizeof Line))
    N = sizeof Line;
  ssize_t Ignored = write(STDERR_FILENO, Line, N);
  (void)Ignored;
}

} // namespace distomp::rt
