//===- trace.cpp - When this process did what, for DISTOMP_TRACE ----------===//
#include "process/trace.h"
#include "process/stats.h"

#include "log.h"

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <pthread.h>
#include <string>
#include <sys/syscall.h>
#include <unistd.h>
#include <vector>

namespace distomp::rt {

std::atomic<bool> TraceOn{false};

namespace {

struct Event {
  const char *Name, *Detail;
  uint64_t Start, End;
};

/// One thread's events: appended by that thread only, read at the end.
struct ThreadLog {
  long Tid;
  char ThreadName[16] = {};
  std::mutex Lock; // against writeTrace reading while the thread appends
  std::vector<Event> Events;
};

// A bound on what a long run keeps: about 40 MiB. Past it spans are counted
// and dropped, and the file says so.
constexpr uint64_t MaxEvents = 1u << 20;

// Function-local: initTrace runs from the runtime's constructor, which may
// come before this file's own dynamic initialization.
std::string &prefix() {
  static auto &P = *new std::string;
  return P;
}
std::mutex LogsLock; // constant-initialized
std::vector<std::unique_ptr<ThreadLog>> &logs() {
  static auto &L = *new std::vector<std::unique_ptr<ThreadLog>>;
  return L;
}
uint64_t Recorded = 0,
         Dropped = 0; // under LogsLock's shadow: approximate is fine

ThreadLog &threadLog() {
  thread_local ThreadLog *Mine = nullptr;
  if (!Mine) {
    auto L = std::make_unique<ThreadLog>();
    L->Tid = long(syscall(SYS_gettid));
    pthread_getname_np(pthread_self(), L->ThreadName, sizeof L->ThreadName);
    std::lock_guard<std::mutex> G(LogsLock);
    Mine = L.get();
    logs().push_back(std::move(L));
  }
  return *Mine;
}

/// Writes S as a JSON string body (quotes and control characters escaped).
void putEscaped(FILE *F, const char *S) {
  for (; *S; ++S) {
    unsigned char C = static_cast<unsigned char>(*S);
    if (C == '"' || C == '\\')
      std::fprintf(F, "\\%c", C);
    else if (C < 0x20)
      std::fprintf(F, "\\u%04x", C);
    else
      std::fputc(C, F);
  }
}

} // namespace

uint64_t TraceSpan::begin() { return nowNs(); }

void TraceSpan::end(const char *Name, const char *Detail, uint64_t Start) {
  uint64_t End = nowNs();
  ThreadLog &L = threadLog();
  if (__atomic_add_fetch(&Recorded, 1, __ATOMIC_RELAXED) > MaxEvents) {
    __atomic_add_fetch(&Dropped, 1, __ATOMIC_RELAXED);
    return;
  }
  std::lock_guard<std::mutex> G(L.Lock);
  L.Events.push_back({Name, Detail, Start, End});
}

void initTrace() {
  const char *P = std::getenv("DISTOMP_TRACE");
  if (!P || !*P)
    return;
  prefix() = P;
  TraceOn = true;
}

void writeTrace(uint32_t Rank, bool IsMaster) {
  if (!TraceOn)
    return;
  TraceOn = false; // spans still open record nothing more
  std::string Path = prefix() + "." + std::to_string(Rank) + ".json";
  FILE *F = std::fopen(Path.c_str(), "w");
  if (!F) {
    logf(LogLevel::Warn, "cannot write the trace %s: %m", Path.c_str());
    return;
  }
  int Pid = int(getpid());
  std::fprintf(F,
               "{\"displayTimeUnit\": \"ms\", \"otherData\": {\"rank\": %u, "
               "\"dropped\": %llu},\n"
               "\"traceEvents\": [\n",
               Rank, (unsigned long long)__atomic_load_n(&Dropped, __ATOMIC_RELAXED));
  std::fprintf(F,
               "{\"ph\": \"M\", \"name\": \"process_name\", \"pid\": %d, \"args\": "
               "{\"name\": \"%s %u (pid %d)\"}}",
               Pid, IsMaster ? "master" : "worker", Rank, Pid);
  std::fprintf(F,
               ",\n{\"ph\": \"M\", \"name\": \"process_sort_index\", \"pid\": "
               "%d, \"args\": "
               "{\"sort_index\": %u}}",
               Pid, Rank);
  std::lock_guard<std::mutex> G(LogsLock);
  for (const auto &L : logs()) {
    std::lock_guard<std::mutex> T(L->Lock);
    std::fprintf(F,
                 ",\n{\"ph\": \"M\", \"name\": \"thread_name\", \"pid\": %d, "
                 "\"tid\": %ld, "
                 "\"args\": {\"name\": \"",
                 Pid, L->Tid);
    putEscaped(F, L->ThreadName);
    std::fprintf(F, "\"}}");
    for (const Event &E : L->Events) {
      // Microseconds, as the format has it, with nanoseconds kept as decimals.
      std::fprintf(F,
                   ",\n{\"ph\": \"X\", \"pid\": %d, \"tid\": %ld, \"ts\": "
                   "%.3f, \"dur\": %.3f, "
                   "\"name\": \"",
                   Pid, L->Tid, E.Start / 1e3, (E.End - E.Start) / 1e3);
      putEscaped(F, E.Name);
      std::fprintf(F, "\"");
      if (E.Detail) {
        std::fprintf(F, ", \"args\": {\"what\": \"");
        putEscaped(F, E.Detail);
        std::fprintf(F, "\"}");
      }
      std::fprintf(F, "}");
    }
  }
  std::fprintf(F, "\n]}\n");
  if (std::fclose(F) != 0)
    logf(LogLevel::Warn, "cannot write the trace %s: %m", Path.c_str());
}

} // namespace distomp::rt
