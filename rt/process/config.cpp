//===- config.cpp - What this process is, from its environment ------------===//
#include "process/config.h"
#include "process/diag.h"

#include "log.h"

#include <cstdlib>
#include <cstring>
#include <thread>
#include <unistd.h>

namespace distomp::rt {
namespace {

const char *env(const char *Name) {
  const char *V = std::getenv(Name);
  return V && *V ? V : nullptr;
}

unsigned number(const char *Name, unsigned Default, unsigned Min, unsigned Max) {
  const char *V = env(Name);
  if (!V)
    return Default;
  char *End = nullptr;
  unsigned long N = std::strtoul(V, &End, 10);
  if (*End || N < Min || N > Max)
    fatal("%s=%s: expected a whole number from %u to %u", Name, V, Min, Max);
  return unsigned(N);
}

unsigned positive(const char *Name, unsigned Default, unsigned Max) {
  return number(Name, Default, 1, Max);
}

/// The first host of a Slurm host list: "node[03-05,7],gpu1" -> "node03".
std::string firstSlurmHost(const std::string &List) {
  std::string Prefix;
  for (size_t I = 0; I < List.size(); ++I) {
    char C = List[I];
    if (C == ',')
      break;
    if (C == '[') {
      size_t End = List.find_first_of(",-]", I + 1);
      return Prefix + List.substr(I + 1, End == std::string::npos ? std::string::npos : End - I - 1);
    }
    Prefix += C;
  }
  return Prefix;
}

/// Threads per process, once the process count is known.
void setThreads(Config &C) {
  // Threads per process. OMP_NUM_THREADS names the team the program asks
  // for (team_size.cpp), as in OpenMP; without DISTOMP_THREADS each process
  // gets its share of it. It may be a list (one per nesting level): its
  // first entry counts.
  if (env("DISTOMP_THREADS")) {
    C.Threads = positive("DISTOMP_THREADS", 1, 256);
  } else if (const char *Omp = env("OMP_NUM_THREADS")) {
    if (unsigned N = unsigned(threadCountEntry("OMP_NUM_THREADS")))
      C.Threads = std::min(256u, (N + C.NumProcs - 1) / C.NumProcs);
    else
      logf(LogLevel::Warn, "OMP_NUM_THREADS=%s is not a thread count; running 1 thread per process",
           Omp);
  }
}

Config read() {
  Config C;
  if (const char *L = env("DISTOMP_LOG")) {
    LogLevel Level;
    if (!parseLogLevel(L, Level))
      fatal("DISTOMP_LOG=%s: expected error, warn, info or debug", L);
    setLogLevel(Level);
  }
  C.TimeoutMs = positive("DISTOMP_TIMEOUT_MS", C.TimeoutMs, 3600000);
  C.HeartbeatMs = positive("DISTOMP_HEARTBEAT_MS", C.HeartbeatMs, 60000);
  C.LivenessMs = positive("DISTOMP_LIVENESS_MS", C.LivenessMs, 3600000);
  if (const char *P = env("DISTOMP_PLACEMENT")) {
    if (std::strcmp(P, "distribute") == 0)
      C.AlwaysDistribute = true;
    else if (std::strcmp(P, "adaptive") != 0)
      fatal("DISTOMP_PLACEMENT=%s: expected adaptive or distribute", P);
  }
  if (const char *W = env("DISTOMP_WRITE_TRACKING")) {
    if (std::strcmp(W, "0") != 0 && std::strcmp(W, "1") != 0)
      fatal("DISTOMP_WRITE_TRACKING=%s: expected 0 or 1", W);
    C.WriteTracking = W[0] == '1';
  }
  if (const char *S = env("DISTOMP_STATS")) {
    C.Stats = std::strcmp(S, "0") != 0;
    C.StatsJson = std::strcmp(S, "json") == 0;
  }
  if (const char *H = env("DISTOMP_HOME_HOST")) {
    C.HomeHost = H;
    C.HomeBind = "tcp://*:*";
  }
  C.Restarts = number("DISTOMP_RESTARTS", 0, 0, 1000);
  C.CommitPieceKiB = number("DISTOMP_COMMIT_PIECE_KIB", C.CommitPieceKiB, 4, 512 * 1024);
  unsigned Hw = std::thread::hardware_concurrency();
  C.NumProcs = positive("DISTOMP_NUM_PROCS", Hw ? Hw : 1, 4096);

  const char *Role = env("DISTOMP_ROLE");
  const char *SlurmRank = env("SLURM_PROCID");
  if (!Role && SlurmRank && env("SLURM_NTASKS")) {
    // Under srun: rank 0 is the master and runs the coordinator; the others
    // find it on the first host of the step at a port derived from the job.
    bool IsMaster = std::strcmp(SlurmRank, "0") == 0;
    C.NumProcs = positive("SLURM_NTASKS", 1, 4096);
    const char *Nodes = env("SLURM_STEP_NODELIST") ? env("SLURM_STEP_NODELIST") : env("SLURM_NODELIST");
    std::string Host = Nodes ? firstSlurmHost(Nodes) : "localhost";
    unsigned long Job = env("SLURM_JOB_ID") ? std::strtoul(env("SLURM_JOB_ID"), nullptr, 10) : 0;
    unsigned long Step = env("SLURM_STEP_ID") ? std::strtoul(env("SLURM_STEP_ID"), nullptr, 10) : 0;
    unsigned Port = positive("DISTOMP_PORT", unsigned(20000 + (Job * 16 + Step) % 20000), 65535);
    C.Coordinator = "tcp://" + Host + ":" + std::to_string(Port);
    if (IsMaster) {
      C.Role = ProcessRole::Master;
      C.CoordinatorBind = "tcp://*:" + std::to_string(Port);
      char Name[256] = {};
      gethostname(Name, sizeof Name - 1);
      if (!env("DISTOMP_HOME_HOST")) {
        C.HomeHost = Name;
        C.HomeBind = "tcp://*:*";
      }
    } else {
      C.Role = ProcessRole::Worker;
    }
    return C;
  }
  if (!Role || std::strcmp(Role, "master") == 0) {
    C.Role = ProcessRole::Master;
    if (const char *Co = env("DISTOMP_COORDINATOR")) {
      C.Coordinator = Co;
    } else {
      C.CoordinatorBind = "tcp://127.0.0.1:*";
      C.SpawnWorkers = !Role; // the embedded default starts its own workers
    }
    return C;
  }
  if (std::strcmp(Role, "worker") != 0)
    fatal("DISTOMP_ROLE=%s: expected master or worker", Role);
  C.Role = ProcessRole::Worker;
  const char *Co = env("DISTOMP_COORDINATOR");
  if (!Co)
    fatal("DISTOMP_ROLE=worker needs DISTOMP_COORDINATOR, the coordinator's endpoint");
  C.Coordinator = Co;
  C.MasterPid = env("DISTOMP_MASTER_PID") ? positive("DISTOMP_MASTER_PID", 0, 1u << 30) : 0;
  return C;
}

} // namespace

int threadCountEntry(const char *Name, unsigned Index) {
  const char *V = std::getenv(Name);
  for (unsigned I = 0; V && I < Index; ++I) {
    V = std::strchr(V, ',');
    V = V ? V + 1 : nullptr;
  }
  if (!V)
    return 0;
  char *End = nullptr;
  long N = std::strtol(V, &End, 10);
  return End != V && (*End == 0 || *End == ',') && N >= 1 && N <= (1 << 20) ? int(N) : 0;
}

const Config &config() {
  static const Config &C = *new Config([] {
    Config R = read();
    setThreads(R);
    return R;
  }()); // read by threads during exit()
  return C;
}

} // namespace distomp::rt
