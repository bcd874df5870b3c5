//===- replay_probe.cpp - Whether a replay from the region's start is exact ===//
#include "team/replay_probe.h"
#include "home/symbols.h"
#include "memory/address_space.h"
#include "program/image.h"
#include "process/stats.h"
#include "team/team.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

namespace distomp::rt {
namespace {

constexpr uintptr_t PageMask = DISTOMP_PAGE_SIZE - 1;
constexpr unsigned ProbeTimeoutMs = 5000;

/// How the child ended (its exit status).
enum ProbeEnd : int { Reached = 0, Faulted = 1, Returned = 2, WouldSend = 3 };

volatile sig_atomic_t InProbe = 0;
int ReportFd = -1; // the child's end of the pipe

/// What the child tells the parent before it ends.
struct Report {
  uintptr_t Addr = 0, Pc = 0;
  char What[48] = {};
};

[[noreturn]] void endChild(int Code, const Report &R) {
  ssize_t Ignored = write(ReportFd, &R, sizeof R);
  (void)Ignored;
  _exit(Code);
}

uintptr_t faultPc(void *Context) {
  auto *Uc = static_cast<ucontext_t *>(Context);
#if defined(__x86_64__)
  return uintptr_t(Uc->uc_mcontext.gregs[REG_RIP]);
#elif defined(__aarch64__)
  return uintptr_t(Uc->uc_mcontext.pc);
#else
  (void)Uc;
  return 0;
#endif
}

void onChildFault(int, siginfo_t *Info, void *Context) {
  Report R;
  R.Addr = reinterpret_cast<uintptr_t>(Info->si_addr);
  R.Pc = faultPc(Context);
  endChild(Faulted, R);
}

/// In the child: every shared range read-only but [KeepLo, KeepHi), the
/// replay thread's stack (and its thread-local storage, which glibc keeps
/// there).
void protectShared(const std::vector<AddressRange> &Ranges, uintptr_t KeepLo, uintptr_t KeepHi) {
  for (AddressRange A : Ranges) {
    uintptr_t B = A.Begin & ~PageMask, E = (A.End + PageMask) & ~PageMask;
    auto Protect = [](uintptr_t Lo, uintptr_t Hi) {
      if (Lo < Hi)
        mprotect(reinterpret_cast<void *>(Lo), Hi - Lo, PROT_READ);
    };
    Protect(B, std::min(E, KeepLo));
    Protect(std::max(B, KeepHi), E);
  }
}

std::string describeReport(int Code, const Report &R, uint32_t Tid, int64_t ArriveWs) {
  char Buf[160];
  switch (Code) {
  case Faulted: {
    uint64_t Off = codeOffset(R.Pc);
    std::string Where = Off ? describeCode(Off) : "code outside the executable";
    return "thread " + std::to_string(Tid) + "'s code before barrier " + std::to_string(ArriveWs) +
           " stores to " + describeAddress(R.Addr) + " (" + Where +
           ") outside the constructs it had completed";
  }
  case Returned:
    std::snprintf(Buf, sizeof Buf, "thread %u's code ran to the region's end without reaching "
                                   "event %lld again",
                  Tid, (long long)ArriveWs);
    return Buf;
  case WouldSend:
    return "thread " + std::to_string(Tid) + "'s code before barrier " +
           std::to_string(ArriveWs) + " uses " + R.What + " outside the constructs it had "
           "completed";
  default:
    return "the check of thread " + std::to_string(Tid) + "'s replay did not finish";
  }
}

} // namespace

bool probing() { return InProbe; }

void probeReachedArrival() { endChild(Reached, Report()); }

void probeWouldSend(const char *What) {
  Report R;
  std::snprintf(R.What, sizeof R.What, "%s", What);
  endChild(WouldSend, R);
}

std::string probeReplay(const distomp_region &Region, void **Args) {
  const TeamState &T = team();
  uintptr_t Sp = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  AddressRange Stack;
  std::vector<AddressRange> Ranges = readMasterRanges(Sp, Stack);
  // This thread's own stack is private: the master watches it no more, so
  // its stores there need no runtime (which the child must not enter).
  disarmRange(Stack.Begin, Stack.End);
  int Fds[2];
  if (pipe2(Fds, O_CLOEXEC) != 0)
    return std::string("the replay could not be checked: ") + std::strerror(errno);
  // _Fork: no atfork handlers (libomp's would run in a child that has only
  // this thread).
  pid_t Child = _Fork();
  if (Child == 0) {
    close(Fds[0]);
    ReportFd = Fds[1];
    InProbe = 1;
    struct sigaction Sa {};
    Sa.sa_sigaction = onChildFault;
    Sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &Sa, nullptr);
    sigaction(SIGBUS, &Sa, nullptr);
    protectShared(Ranges, Stack.Begin, Stack.End);
    runRegionBody(Region, Args);
    endChild(Returned, Report());
  }
  close(Fds[1]);
  if (Child < 0) {
    close(Fds[0]);
    return std::string("the replay could not be checked: ") + std::strerror(errno);
  }
  int Status = 0;
  uint64_t Deadline = nowNs() + uint64_t(ProbeTimeoutMs) * 1000000;
  while (waitpid(Child, &Status, WNOHANG) == 0) {
    if (nowNs() > Deadline) {
      kill(Child, SIGKILL);
      waitpid(Child, &Status, 0);
      close(Fds[0]);
      return "the check of thread " + std::to_string(T.Tid) + "'s replay did not reach barrier " +
             std::to_string(T.ReplayArriveWs) + " within " + std::to_string(ProbeTimeoutMs) +
             " ms";
    }
    usleep(1000);
  }
  Report R;
  ssize_t Got = read(Fds[0], &R, sizeof R);
  close(Fds[0]);
  int Code = WIFEXITED(Status) ? WEXITSTATUS(Status) : -1;
  if (Code == Reached)
    return "";
  if (Got != ssize_t(sizeof R))
    Code = -1;
  return describeReport(Code, R, T.Tid, T.ReplayArriveWs);
}

} // namespace distomp::rt
