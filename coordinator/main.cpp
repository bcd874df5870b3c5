//===- main.cpp - distomp-coordinator: the standalone coordinator ---------===//
//
//   distomp-coordinator --listen tcp://HOST:PORT [--log-level L] [--once]
//
// Prints "listening on ENDPOINT" once bound (the launcher reads the port from
// it when PORT is *), serves jobs until SIGINT or SIGTERM, then exits 0.
//
//===----------------------------------------------------------------------===//
#include "Coordinator.h"

#include "log.h"

#include <zmq.hpp>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

std::atomic<bool> Stop{false};
extern "C" void onSignal(int) { Stop = true; }

[[noreturn]] void usage(const char *Error) {
  if (Error)
    std::fprintf(stderr, "distomp-coordinator: error: %s\n", Error);
  std::fprintf(stderr,
               "usage: distomp-coordinator --listen tcp://HOST:PORT [options]\n"
               "  --listen ENDPOINT    ZeroMQ endpoint to bind (PORT may be *)\n"
               "  --log-level LEVEL    error, warn, info or debug (default info)\n"
               "  --heartbeat-ms N     heartbeat interval (default 250)\n"
               "  --liveness-ms N      silence after which a process is dead (default 3000)\n"
               "  --join-timeout-ms N  how long a region waits for processes (default 20000)\n"
               "  --once               exit after the first job ends\n");
  std::exit(Error ? 2 : 0);
}

unsigned number(const char *Flag, const char *Text) {
  char *End = nullptr;
  unsigned long V = std::strtoul(Text, &End, 10);
  if (!*Text || *End || V == 0 || V > 3600000)
    usage((std::string(Flag) + " needs a positive number of milliseconds").c_str());
  return unsigned(V);
}

} // namespace

int main(int Argc, char **Argv) {
  using namespace distomp;
  coordinator::Options Opts;
  Opts.Listen.clear();
  LogLevel Level = LogLevel::Info;
  for (int I = 1; I < Argc; ++I) {
    std::string A = Argv[I];
    auto Value = [&]() -> const char * {
      if (I + 1 >= Argc)
        usage((A + " needs a value").c_str());
      return Argv[++I];
    };
    if (A == "--listen")
      Opts.Listen = Value();
    else if (A == "--log-level") {
      if (!parseLogLevel(Value(), Level))
        usage("--log-level takes error, warn, info or debug");
    } else if (A == "--heartbeat-ms")
      Opts.HeartbeatMs = number("--heartbeat-ms", Value());
    else if (A == "--liveness-ms")
      Opts.LivenessMs = number("--liveness-ms", Value());
    else if (A == "--join-timeout-ms")
      Opts.JoinTimeoutMs = number("--join-timeout-ms", Value());
    else if (A == "--once")
      Opts.ExitAfterJob = true;
    else if (A == "-h" || A == "--help")
      usage(nullptr);
    else
      usage(("unknown option " + A).c_str());
  }
  if (Opts.Listen.empty())
    usage("--listen is required");
  setLogPrefix("distomp-coordinator");
  setLogLevel(Level);

  struct sigaction Sa {};
  Sa.sa_handler = onSignal;
  sigaction(SIGINT, &Sa, nullptr);
  sigaction(SIGTERM, &Sa, nullptr);

  zmq::context_t Context(1);
  try {
    coordinator::Coordinator C(Context, Opts);
    std::printf("listening on %s\n", C.endpoint().c_str());
    std::fflush(stdout);
    C.run(Stop);
    coordinator::Counters K = C.counters();
    logf(LogLevel::Info,
         "stopping: %llu messages, %llu malformed, %llu unexpected, %llu regions, %llu chunks, "
         "%llu dead processes, %llu restarts",
         (unsigned long long)K.Messages, (unsigned long long)K.Malformed,
         (unsigned long long)K.Unexpected, (unsigned long long)K.Regions,
         (unsigned long long)K.ChunksGranted, (unsigned long long)K.DeadProcesses,
         (unsigned long long)K.Restarts);
  } catch (const zmq::error_t &E) {
    std::fprintf(stderr, "distomp-coordinator: error: cannot listen on %s: %s\n",
                 Opts.Listen.c_str(), E.what());
    return 1;
  }
  return 0;
}
