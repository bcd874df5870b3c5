//===- process.cpp - Start-up, membership and the end of a job ------------===//
//
// The runtime takes the program's start: it interposes __libc_start_main
// (it is linked before libc) and wraps main. A worker never returns to the
// program's main: once the constructors have run (with its output muted, so
// they print once, in the master), it joins the coordinator and runs the
// regions it is sent until the job ends. The master joins, then runs main.
//
// The embedded default: a master with no DISTOMP_ROLE starts a coordinator
// thread and DISTOMP_NUM_PROCS - 1 local workers. They die with it
// (PR_SET_PDEATHSIG) and end with it (shutdown at exit), and each side notices
// the other's silence through heartbeats.
//
//===----------------------------------------------------------------------===//
#include "process/process.h"
#include "process/config.h"
#include "process/diag.h"
#include "home/home.h"
#include "program/image.h"
#include "process/messaging.h"
#include "memory/page_cache.h"
#include "program/regions.h"
#include "process/stats.h"
#include "process/trace.h"
#include "team/kept_locks.h"
#include "team/team.h"
#include "process/threads.h"

#include "Coordinator.h"
#include "log.h"
#include "schedule.h"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <fcntl.h>
#include <mutex>
#include <spawn.h>
#include <stdio_ext.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char **environ;

namespace distomp::rt {
namespace {

using FBB = flatbuffers::FlatBufferBuilder;
using MainFn = int (*)(int, char **, char **);

MainFn RealMain;
bool Joined = false, IsWorker = false, ShutDown = false;
uint32_t Rank = 0, JobProcs = 1;
std::vector<pid_t> Children; // the workers this master started, until reaped
std::mutex ChildrenLock;
coordinator::Coordinator *Embedded = nullptr; // outlives static destructors
std::atomic<bool> StopEmbedded{false};
/// Master: the coordinator answered its shutdown, so it stops sending
/// heartbeats; the heartbeat thread judges it no more (reaping a frozen
/// worker must not turn a finished job into a failure).
std::atomic<bool> JobEnded{false};
std::thread EmbeddedThread;
int SavedStdout = -1, SavedStderr = -1;
char **WorkerArgv = nullptr;

/// A worker starts again this many times at most, looking for an address
/// layout with room for the master's memory.
constexpr unsigned MaxRestarts = 8;

std::string hostName() {
  char Name[256] = {};
  gethostname(Name, sizeof Name - 1);
  return Name;
}

/// Join the coordinator on this thread's socket; returns the Welcome.
Received join(bool AsMaster, const std::string &HomeEp, char *Argv0, bool Restarted = false) {
  const Config &C = config();
  int32_t RunSched = 34;
  int64_t RunChunk = 0;
  if (const char *S = std::getenv("OMP_SCHEDULE"))
    if (!parseOmpSchedule(S, RunSched, RunChunk))
      logf(LogLevel::Warn, "OMP_SCHEDULE=%s is not a schedule; using static", S);
  FBB B;
  std::vector<flatbuffers::Offset<wire::LoadedObject>> Objects;
  for (const auto &[Path, Base] : objectBases())
    Objects.push_back(wire::CreateLoadedObject(B, B.CreateString(Path), Base));
  auto ObjectsOff = B.CreateVector(Objects);
  auto Off = wire::CreateJoin(
      B, AsMaster ? wire::Role::Master : wire::Role::Worker, wire::kProtocolVersion,
      B.CreateString(buildId()), uint32_t(getpid()), B.CreateString(hostName()),
      B.CreateString(Argv0 ? Argv0 : "?"), B.CreateString(HomeEp),
      uint64_t(executableImage().Base), AsMaster ? C.NumProcs : 0, RunSched, RunChunk, C.Threads,
      Restarted, ObjectsOff);
  wire::finish(B, Off);
  Received R = request(coordinatorSocket(), B, wire::Body::Welcome,
                       "joining the job (is a coordinator running there?)", C.TimeoutMs,
                       wire::Body::Refuse);
  if (R.Msg->body_type() == wire::Body::Refuse)
    fatal("the coordinator at %s refused this process: %s", coordinatorEndpoint().c_str(),
          wire::toString(R.Msg->body_as_Refuse()->reason()).c_str());
  return R;
}

/// Sends Goodbye B on Sock and waits up to a second, silently, for its
/// acknowledgement: _exit would drop an unsent message, and a heartbeat
/// arriving first proves nothing was sent. The job may be over already (the
/// coordinator gone); whatever stops this process has said so in one line.
void sayGoodbye(zmq::socket_t &Sock, const FBB &B) {
  sendMessage(Sock, B);
  uint64_t Deadline = nowNs() + 1000000000ull;
  while (nowNs() < Deadline) {
    std::optional<zmq::message_t> F = wire::receive(Sock, 100);
    const wire::Message *M = F ? wire::decode(F->data(), F->size(), nullptr) : nullptr;
    if (M && M->body_type() == wire::Body::Ack)
      break;
  }
}

/// At a process's end: what it did (DISTOMP_STATS) and when (DISTOMP_TRACE).
void reportAtEnd(uint32_t R, bool IsMaster, const CoordinatorTotals *Co = nullptr) {
  if (config().Stats)
    printStats(R, IsMaster, Co);
  writeTrace(R, IsMaster);
}

[[noreturn]] void workerExit(const wire::Shutdown &S, zmq::socket_t &Sock) {
  if (S.error())
    fatal("%s", wire::toString(S.reason()).c_str());
  std::fflush(stdout);
  std::fflush(stderr);
  reportAtEnd(Rank, false);
  FBB B;
  wire::finish(B, wire::CreateGoodbye(B, Rank));
  // Without the goodbye the master would wait a liveness period to end the job.
  sayGoodbye(Sock, B);
  endProcess(0);
}

} // namespace

[[noreturn]] void endFenced(const char *Reason) {
  char Line[512];
  int N = std::snprintf(Line, sizeof Line, "distomp: error: worker %u (pid %d) stops: %s\n", Rank,
                        int(getpid()), Reason);
  ssize_t Ignored = write(STDERR_FILENO, Line, size_t(std::min(N, int(sizeof Line) - 1)));
  (void)Ignored;
  endProcess(1);
}

namespace {

void reportExitedChildren(zmq::socket_t &S);

/// Heartbeats both ways, and the coordinator's notices (shutdown, replay, a
/// kept lock's recall).
void heartbeatLoop(zmq::socket_t &S) {
  const Config &C = config();
  uint64_t LastHeard = nowNs(), NextBeat = 0, LastAwake = LastHeard;
  while (!JobEnded.load()) {
    uint64_t Now = nowNs();
    if (Now >= NextBeat) {
      FBB B;
      wire::finish(B, wire::CreateHeartbeat(B, Rank));
      sendMessage(S, B);
      if (!IsWorker) // after a heartbeat, by which the coordinator knows this socket
        reportExitedChildren(S);
      NextBeat = Now + uint64_t(C.HeartbeatMs) * 1000000;
    }
    // Judged only when nothing is queued: a process that was stalled (or a
    // checker scheduled late) reads what arrived meanwhile first.
    // A kept lock recalled during its hold is released when the hold ends.
    uint64_t HoldNs = releaseHeldLocksDue(S);
    long WaitMs = long(C.HeartbeatMs / 2 + 1);
    if (HoldNs)
      WaitMs = std::min(WaitMs, long(HoldNs / 1000000 + 1));
    std::optional<zmq::message_t> F = wire::receive(S, WaitMs);
    uint64_t Awake = nowNs();
    if (Awake - LastAwake > uint64_t(C.LivenessMs) * 500000) {
      // This process was stalled (stopped, paused, starved) since the last
      // turn: silence it slept through proves nothing, and it beats at once.
      LastHeard = Awake;
      NextBeat = 0;
    }
    LastAwake = Awake;
    if (!F) {
      if (Awake - LastHeard > uint64_t(C.LivenessMs) * 1000000)
        fatal("lost the coordinator at %s: no heartbeat for %u ms%s",
              coordinatorEndpoint().c_str(), C.LivenessMs,
              IsWorker ? " (the master may have ended)" : "");
      continue;
    }
    const wire::Message *M = wire::decode(F->data(), F->size(), nullptr);
    if (!M)
      continue;
    LastHeard = nowNs();
    switch (M->body_type()) {
    case wire::Body::Shutdown:
      if (IsWorker)
        workerExit(*M->body_as_Shutdown(), S);
      fatal("%s", wire::toString(M->body_as_Shutdown()->reason()).c_str());
    case wire::Body::Replay: {
      const wire::Replay *R = M->body_as_Replay();
      if (!IsWorker) {
        // Nothing the lost worker sends from now on may count: fenced at the
        // home before its part runs again.
        homeFence(R->rank());
        startReplay(R->seq(), R->tid(), R->arrived_ws(), R->rank(), R->left());
      }
      break;
    }
    case wire::Body::LockRecall: // kept by this process; another thread waits
      onLockRecall(M->body_as_LockRecall()->lock(), M->body_as_LockRecall()->grant(), S);
      break;
    case wire::Body::Fenced:
      endFenced(wire::toString(M->body_as_Fenced()->reason()).c_str());
    default:
      break;
    }
  }
}

/// This process's environment with the variables in Set replaced.
struct Environment {
  std::vector<std::string> Vars;
  std::vector<char *> Pointers;
  Environment(std::initializer_list<std::pair<const char *, std::string>> Set) {
    for (char **E = environ; *E; ++E) {
      bool Replaced = false;
      for (const auto &[Name, Value] : Set)
        Replaced |= std::strncmp(*E, Name, std::strlen(Name)) == 0 &&
                    (*E)[std::strlen(Name)] == '=';
      if (!Replaced)
        Vars.push_back(*E);
    }
    for (const auto &[Name, Value] : Set)
      Vars.push_back(std::string(Name) + "=" + Value);
    for (std::string &V : Vars)
      Pointers.push_back(V.data());
    Pointers.push_back(nullptr);
  }
  char **envp() { return Pointers.data(); }
};

/// Whether this process's address layout is not randomized: a debugger or
/// setarch -R turns randomization off and children inherit that, so every
/// worker would have its stack where the master's is.
bool randomizationOff() {
  int Persona = personality(0xffffffff);
  return Persona != -1 && (Persona & ADDR_NO_RANDOMIZE);
}

/// Replaces this worker with a fresh run of the executable: a new address
/// layout, randomized even where the master's was not.
[[noreturn]] void execFreshLayout(unsigned Restarts) {
  std::fflush(stdout);
  std::fflush(stderr);
  Environment Env({{"DISTOMP_RESTARTS", std::to_string(Restarts)}});
  if (randomizationOff())
    personality(unsigned(personality(0xffffffff)) & ~unsigned(ADDR_NO_RANDOMIZE));
  forgetOmpRegistration(int(getpid())); // the fresh start registers again
  execve("/proc/self/exe", WorkerArgv, Env.envp());
  fatal("cannot start this worker again: %s", std::strerror(errno));
}

void spawnWorkers(unsigned Count, char **Argv) {
  Environment Env({{"DISTOMP_ROLE", "worker"},
                   {"DISTOMP_COORDINATOR", coordinatorEndpoint()},
                   {"DISTOMP_MASTER_PID", std::to_string(getpid())},
                   {"DISTOMP_RESTARTS", "0"}});
  posix_spawn_file_actions_t Actions;
  posix_spawn_file_actions_init(&Actions);
  posix_spawn_file_actions_addopen(&Actions, 0, "/dev/null", O_RDONLY, 0);
  for (unsigned I = 0; I < Count; ++I) {
    pid_t Pid;
    int Err = posix_spawn(&Pid, "/proc/self/exe", &Actions, nullptr, Argv, Env.envp());
    if (Err)
      fatal("cannot start a worker process: %s", std::strerror(Err));
    std::lock_guard<std::mutex> G(ChildrenLock);
    Children.push_back(Pid);
  }
  posix_spawn_file_actions_destroy(&Actions);
}

/// Master: tells the coordinator of each worker it started that has ended
/// since the last call (and reaps it).
void reportExitedChildren(zmq::socket_t &S) {
  std::lock_guard<std::mutex> G(ChildrenLock);
  for (auto It = Children.begin(); It != Children.end();) {
    int Status = 0;
    if (waitpid(*It, &Status, WNOHANG) != *It) {
      ++It;
      continue;
    }
    forgetOmpRegistration(int(*It));
    FBB B;
    wire::finish(B, wire::CreateChildExited(B, uint32_t(*It),
                                            WIFEXITED(Status) ? WEXITSTATUS(Status) : -1,
                                            WIFSIGNALED(Status) ? WTERMSIG(Status) : 0));
    sendMessage(S, B);
    It = Children.erase(It);
  }
}

void reapChildren() {
  std::lock_guard<std::mutex> G(ChildrenLock);
  uint64_t Deadline = nowNs() + 2000000000ull;
  for (pid_t Pid : Children) {
    for (;;) {
      pid_t R = waitpid(Pid, nullptr, WNOHANG);
      if (R == Pid || (R < 0 && errno == ECHILD))
        break;
      if (nowNs() > Deadline) {
        kill(Pid, SIGKILL);
        waitpid(Pid, nullptr, 0);
        break;
      }
      usleep(2000);
    }
    forgetOmpRegistration(int(Pid)); // what a killed worker left
  }
  Children.clear();
}

void masterShutdown() {
  if (!Joined || ShutDown)
    return;
  ShutDown = true;
  std::fflush(stdout);
  FBB B;
  wire::finish(B, wire::CreateShutdown(B, B.CreateString(""), false));
  // Workers print their statistics and leave; the coordinator then answers.
  request(coordinatorSocket(), B, wire::Body::Ack, "the workers to finish",
          config().LivenessMs + config().TimeoutMs);
  JobEnded = true;
  if (Embedded) {
    StopEmbedded = true; // it has already left its loop with the Ack (ExitAfterJob)
    EmbeddedThread.join();
  }
  CoordinatorTotals Totals;
  if (Embedded) {
    coordinator::Counters K = Embedded->counters();
    Totals = {K.Messages, K.Sent, K.ChunksGranted};
  }
  reportAtEnd(0, true, Embedded ? &Totals : nullptr);
  reapChildren();
}

/// The heartbeat thread gets its socket from here: were it to connect
/// itself, a thread scheduled late could do so while exit() is underway.
void startHeartbeat() {
  zmq::socket_t *S = connectToCoordinator();
  startServiceThread("heartbeat", [S] { heartbeatLoop(*S); }).detach();
}

void startEmbeddedCoordinator(const std::string &Bind) {
  const Config &C = config();
  coordinator::Options O;
  O.Listen = Bind;
  O.HeartbeatMs = C.HeartbeatMs;
  O.LivenessMs = C.LivenessMs;
  O.JoinTimeoutMs = C.TimeoutMs;
  // It ends with the job, as soon as it has answered the master's shutdown
  // (waiting for a stop flag would cost up to a heartbeat at every exit).
  O.ExitAfterJob = true;
  // The master's own threads reach it without the network stack.
  O.AlsoListen = "inproc://distomp-coordinator";
  try {
    Embedded = new coordinator::Coordinator(context(), O);
  } catch (const zmq::error_t &E) {
    fatal("cannot start the coordinator on %s: %s", Bind.c_str(), E.what());
  }
  EmbeddedThread = startServiceThread("coordinator", [] { Embedded->run(StopEmbedded); });
}

void masterStart(char **Argv) {
  const Config &C = config();
  setLogPrefix("distomp");
  std::string HomeEp = startHome(C.HomeBind, C.HomeHost);
  if (!C.CoordinatorBind.empty()) {
    startEmbeddedCoordinator(C.CoordinatorBind);
    setCoordinatorEndpoint(C.Coordinator.empty() ? Embedded->endpoint() : C.Coordinator,
                           "inproc://distomp-coordinator");
  } else {
    setCoordinatorEndpoint(C.Coordinator);
  }
  if (C.SpawnWorkers && C.NumProcs > 1)
    spawnWorkers(C.NumProcs - 1, Argv);
  join(true, HomeEp, Argv[0]);
  Joined = true;
  JobProcs = C.NumProcs;
  startHeartbeat();
  std::atexit(masterShutdown);
}

/// A worker's fatal error ends the job: the coordinator tells the master,
/// which stops with the message (running the part again would meet it too).
void tellJobWhyWorkerStops(const char *Message) {
  FBB B;
  wire::finish(B, wire::CreateGoodbye(B, Rank, 0, false, B.CreateString(Message), true));
  sayGoodbye(coordinatorSocket(), B);
}

[[noreturn]] void workerMain(char **Argv) {
  const Config &C = config();
  // Constructors have run with output muted; what they buffered is dropped.
  __fpurge(stdout);
  __fpurge(stderr);
  if (SavedStdout >= 0)
    dup2(SavedStdout, STDOUT_FILENO);
  if (SavedStderr >= 0)
    dup2(SavedStderr, STDERR_FILENO);
  IsWorker = true;
  WorkerArgv = Argv;
  if (C.MasterPid) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != pid_t(C.MasterPid))
      endProcess(1); // the master is already gone
  }
  if (randomizationOff() && C.Restarts == 0)
    execFreshLayout(1);
  setLogPrefix("distomp[" + std::to_string(getpid()) + "]");
  setCoordinatorEndpoint(C.Coordinator);
  Received W = join(false, "", Argv[0], C.Restarts > 0);
  const wire::Welcome *Wel = W.Msg->body_as_Welcome();
  Rank = Wel->rank();
  setLogPrefix("distomp[worker " + std::to_string(Rank) + "]");
  setWorkerRank(Rank);
  std::vector<std::pair<std::string, uint64_t>> MasterObjects;
  if (Wel->master_objects())
    for (const wire::LoadedObject *O : *Wel->master_objects())
      MasterObjects.emplace_back(wire::toString(O->path()), O->base());
  else // a master that reports only its executable
    MasterObjects.emplace_back("", Wel->master_image_base());
  adoptMasterObjects(MasterObjects);
  if (!mirrorMasterConstants())
    restartWorker("the master's read-only data is where this worker has memory of its own");
  setHomeEndpoint(wire::toString(Wel->home_endpoint()));
  setFatalHook(tellJobWhyWorkerStops);
  installFaultHandler();
  startHeartbeat();
  zmq::socket_t &S = coordinatorSocket();
  for (;;) {
    Received R = awaitMessage(S, wire::Body::RunRegion, "the next region", 0);
    runRegionAsWorker(R.Msg->body_as_RunRegion());
  }
}

/// A job of one process that binds its own coordinator has nobody to talk
/// to: its regions run as clang compiled them (rt/team/region.cpp), so it
/// starts no coordinator, home or heartbeat, and costs no more than native.
bool soloJob(const Config &C) { return C.NumProcs == 1 && !C.CoordinatorBind.empty(); }

int wrappedMain(int Argc, char **Argv, char **Envp) {
  const Config &C = config();
  if (C.Role == ProcessRole::Worker)
    workerMain(Argv);
  if (numRegions() > 0 && !soloJob(C))
    masterStart(Argv);
  else
    std::atexit([] { reportAtEnd(0, true); });
  return RealMain(Argc, Argv, Envp);
}

} // namespace

bool distributedReady() { return Joined && !ShutDown; }

[[noreturn]] void restartWorker(const std::string &Why) {
  unsigned Restarts = config().Restarts;
  if (Restarts >= MaxRestarts)
    fatal("cannot mirror the master's memory: %s (also after %u fresh starts)", Why.c_str(),
          Restarts);
  logf(LogLevel::Info, "%s: starting again with a fresh address layout", Why.c_str());
  // The coordinator gives this worker's part of the running region to the
  // master, and the next region waits for it to join again.
  FBB B;
  wire::finish(B, wire::CreateGoodbye(B, Rank, 0, true, B.CreateString(Why)));
  request(coordinatorSocket(), B, wire::Body::Ack, "leaving the job", config().TimeoutMs);
  execFreshLayout(Restarts + 1);
}
bool isWorkerProcess() { return IsWorker; }
uint32_t processCount() { return JobProcs; }
uint32_t defaultTeamSize() { return JobProcs * config().Threads; }

/// Called from the runtime's constructor, before the program's: a worker's
/// constructors must not print (the master's already do).
void muteWorkerOutput() {
  if (config().Role != ProcessRole::Worker)
    return;
  // Close-on-exec: a worker that starts again must not carry them along.
  SavedStdout = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 0);
  SavedStderr = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 0);
  int Null = open("/dev/null", O_WRONLY);
  if (Null >= 0) {
    dup2(Null, STDOUT_FILENO);
    dup2(Null, STDERR_FILENO);
    close(Null);
  }
}

} // namespace distomp::rt

using namespace distomp::rt;

/// Takes the program's start to wrap its main.
extern "C" __attribute__((visibility("default"))) int
__libc_start_main(MainFn Main, int Argc, char **Argv, void (*Init)(void), void (*Fini)(void),
                  void (*RtldFini)(void), void *StackEnd) {
  using StartFn = int (*)(MainFn, int, char **, void (*)(void), void (*)(void), void (*)(void),
                          void *);
  static StartFn Real = reinterpret_cast<StartFn>(dlsym(RTLD_NEXT, "__libc_start_main"));
  if (!Real)
    fatal("cannot find the C library's __libc_start_main");
  RealMain = Main;
  return Real(wrappedMain, Argc, Argv, Init, Fini, RtldFini, StackEnd);
}
