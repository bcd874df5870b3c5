//===- config.h - What this process is, from its environment -----*- C++ -*-===//
//
// A DistOMP program reads its role from the environment:
//   DISTOMP_ROLE           master | worker (set by the launcher or the
//                          embedded spawner; absent: the embedded default,
//                          or Slurm's ranks when SLURM_PROCID is set)
//   DISTOMP_COORDINATOR    endpoint of the coordinator (absent for master:
//                          run one embedded)
//   DISTOMP_NUM_PROCS      processes in the job, master included
//   DISTOMP_HOME_HOST      address workers reach this master at
//   DISTOMP_TIMEOUT_MS     bound on joining and on any single reply
//   DISTOMP_STATS=1        per-process statistics at exit
//   DISTOMP_LOG            error | warn | info | debug
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_RT_CONFIG_H
#define DISTOMP_RT_CONFIG_H

#include <string>

namespace distomp::rt {

enum class ProcessRole { Master, Worker };

struct Config {
  ProcessRole Role = ProcessRole::Master;
  std::string Coordinator;     ///< empty: embedded in this master
  std::string CoordinatorBind; ///< embedded: where it listens
  bool SpawnWorkers = false;   ///< embedded default: start local workers
  unsigned NumProcs = 1;
  unsigned Threads = 1; ///< team threads per process: DISTOMP_THREADS, else OMP_NUM_THREADS
  std::string HomeHost = "127.0.0.1";
  std::string HomeBind = "tcp://127.0.0.1:*";
  unsigned TimeoutMs = 20000;
  unsigned HeartbeatMs = 250;
  unsigned LivenessMs = 3000;
  /// DISTOMP_WRITE_TRACKING=0: the home compares every page a worker holds
  /// at each collection, even where the kernel tracks writes
  /// (home/written_pages.h).
  bool WriteTracking = true;
  bool Stats = false;
  bool StatsJson = false; ///< DISTOMP_STATS=json: one JSON object per process, for scripts
  /// DISTOMP_PLACEMENT=distribute: every region runs across the processes
  /// (tests of the distributed machinery); adaptive, the default, lets the
  /// master run natively a region whose distributed runs cost more.
  bool AlwaysDistribute = false;
  unsigned MasterPid = 0; ///< worker spawned by an embedded master: its pid
  unsigned Restarts = 0;  ///< worker: fresh starts for a new layout (DISTOMP_RESTARTS, internal)
  /// A release's data per commit message (DISTOMP_COMMIT_PIECE_KIB, internal:
  /// tests send pieces of small releases); frames are limited to 1 GiB.
  unsigned CommitPieceKiB = 256 * 1024;
};

/// Reads the environment once; ends the process on a malformed setting.
const Config &config();

/// Entry Index (0: the first) of the comma-separated list of thread counts
/// in environment variable Name (OMP_NUM_THREADS, OMP_THREAD_LIMIT), or 0
/// when it is unset, shorter, or that entry is not a count from 1 to 2^20.
int threadCountEntry(const char *Name, unsigned Index = 0);

} // namespace distomp::rt

#endif
