//===- replay_probe.cpp - Whether a replay from the region's start is exact ===//
#include "team/replay_probe.h"
#include "home/home.h"
#include "home/symbols.h"
#include "memory/address_space.h"
#include "process/diag.h"
#include "process/stats.h"
#include "program/image.h"
#include "team/team.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

namespace distomp::rt {
namespace {

constexpr uintptr_t PageMask = DISTOMP_PAGE_SIZE - 1;
constexpr unsigned ProbeTimeoutMs = 5000;

/// How the child ended (its exit status).
enum ProbeEnd : int {
  Reached = 0,
  Faulted = 1,
  Returned = 2,
  WouldSend = 3,
  ReadChanged = 4,
  ReadTooMuch = 5
};

volatile sig_atomic_t InProbe = 0;
int ReportFd = -1; // the child's end of the pipe

/// What the child tells the parent before it ends.
struct Report {
  uintptr_t Addr = 0, Pc = 0;
  uint32_t ReadEpoch = 0, Changed = 0; // ReadChanged: barriers passed; epoch + 1 or ChangedNow
  char What[48] = {};
};

/// The loads the part to skip made (the bytes they read then), in memory
/// the child shares with the parent, mapped after the shared ranges were
/// listed (never protected): the replay itself runs after this check, while
/// survivors go on, so it compares them again when it arrives. Repeated
/// loads of one place are noted once (an open-addressing set of places).
constexpr size_t NoteBytes = 1 << 20, NoteSlots = 1 << 15;
struct ReadNotes {
  size_t Used = 0, Count = 0;
  uint64_t Places[NoteSlots]; // Addr ^ (Size << 48), 0: empty
  uint8_t Data[NoteBytes];    // per load: Addr, Size, then its bytes
};
ReadNotes *Notes = nullptr; // in the child
uint64_t ProbeSeq = 0;

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

/// In the child: every shared range but [KeepLo, KeepHi), the replay
/// thread's stack (and its thread-local storage, which glibc keeps there),
/// read-only, so any store there faults, and in the page-state table not
/// held, so each load and store instrumented code makes there reaches
/// probeLoad or probeStore with its address and size.
void protectShared(const std::vector<AddressRange> &Ranges, uintptr_t KeepLo, uintptr_t KeepHi) {
  for (AddressRange A : Ranges) {
    uintptr_t B = A.Begin & ~PageMask, E = (A.End + PageMask) & ~PageMask;
    for (auto [Lo, Hi] : {std::pair{B, std::min(E, KeepLo)}, std::pair{std::max(B, KeepHi), E}})
      if (Lo < Hi) {
        mprotect(reinterpret_cast<void *>(Lo), Hi - Lo, PROT_READ);
        writeShadow(Lo, Hi, DISTOMP_PAGE_INVALID);
      }
  }
}

/// The loads the replay thread's part to skip made in its probe, and the
/// bytes they read (verifyReplayReads).
struct ProbedRead {
  uintptr_t Addr;
  std::vector<uint8_t> Bytes;
};
thread_local std::vector<ProbedRead> ProbedReads;

std::string describePc(uintptr_t Pc) {
  uint64_t Off = codeOffset(Pc);
  return Off ? describeCode(Off) : "code outside the executable";
}

/// The C library calls the child makes (sigaction, prctl, getppid, close,
/// write) go through
/// forwarders that look their function up on first use (libc_calls.cpp),
/// which takes the dynamic linker's lock: a thread that held it at the fork
/// (another replay loading libdw to describe its refusal) would hold it in
/// the child for ever. So they are looked up here, before any fork.
void lookUpChildCalls() {
  static std::once_flag Once;
  std::call_once(Once, [] {
    struct sigaction Old;
    sigaction(SIGSEGV, nullptr, &Old);
    int Signal = 0;
    prctl(PR_GET_PDEATHSIG, &Signal);
    (void)getppid();
    (void)close(-1);             // EBADF
    (void)write(-1, nullptr, 0); // EBADF
  });
}

std::string describeReport(int Code, const Report &R, uint32_t Tid, int64_t ArriveWs) {
  char Buf[160];
  std::string Before =
      "thread " + std::to_string(Tid) + "'s code before barrier " + std::to_string(ArriveWs);
  switch (Code) {
  case Faulted:
    return Before + " stores to " + describeAddress(R.Addr) + " (" + describePc(R.Pc) +
           ") outside the constructs it had completed";
  case ReadChanged:
    return Before + " reads " + describeAddress(R.Addr) + " (" + describePc(R.Pc) +
           ") after barrier " + std::to_string(R.ReadEpoch) + ", and it changed " +
           (R.Changed == ChangedNow ? std::string("since")
                                    : "after barrier " + std::to_string(R.Changed - 1)) +
           ": run again, it would read another value";
  case ReadTooMuch:
    return Before + " reads more than " + std::to_string(NoteBytes >> 10) +
           " KiB of shared memory outside the constructs it had completed";
  case Returned:
    std::snprintf(Buf, sizeof Buf, "thread %u's code ran to the region's end without reaching "
                                   "event %lld again",
                  Tid, (long long)ArriveWs);
    return Buf;
  case WouldSend:
    return Before + " uses " + R.What + " outside the constructs it had completed";
  default:
    return "the check of thread " + std::to_string(Tid) + "'s replay did not finish";
  }
}

} // namespace

bool probing() { return InProbe; }

void probeReachedArrival() { endChild(Reached, Report()); }

void probeLoad(const void *Addr, size_t Size, uintptr_t Pc) {
  uintptr_t A = reinterpret_cast<uintptr_t>(Addr);
  uint32_t Epoch = team().Epoch;
  uint32_t Changed = homeLatestChange(ProbeSeq, A, Size);
  // Bytes changed in an epoch before the load's were read as they are now;
  // in its own epoch or later, the dead thread read them before the change.
  if (Changed != 0 && (Changed == ChangedNow || Changed - 1 >= Epoch)) {
    Report R;
    R.Addr = A;
    R.Pc = Pc;
    R.ReadEpoch = Epoch;
    R.Changed = Changed;
    endChild(ReadChanged, R);
  }
  uint64_t Place = uint64_t(A) ^ (uint64_t(Size) << 48);
  size_t Slot = size_t((Place * 0x9E3779B97F4A7C15ull) >> 49) % NoteSlots;
  size_t Probe = 0;
  for (; Notes->Places[Slot] && Probe < NoteSlots; Slot = (Slot + 1) % NoteSlots, ++Probe)
    if (Notes->Places[Slot] == Place)
      return; // noted
  if (Probe == NoteSlots || Notes->Used + 2 * sizeof(uint64_t) + Size > NoteBytes) {
    Report R;
    R.Addr = A;
    endChild(ReadTooMuch, R);
  }
  Notes->Places[Slot] = Place;
  uint64_t Head[2] = {uint64_t(A), uint64_t(Size)};
  std::memcpy(Notes->Data + Notes->Used, Head, sizeof Head);
  std::memcpy(Notes->Data + Notes->Used + sizeof Head, Addr, Size);
  Notes->Used += sizeof Head + Size;
  ++Notes->Count;
}

void probeStore(const void *Addr, uintptr_t Pc) {
  Report R;
  R.Addr = reinterpret_cast<uintptr_t>(Addr);
  R.Pc = Pc;
  endChild(Faulted, R);
}

void verifyReplayReads() {
  const TeamState &T = team();
  for (const ProbedRead &L : ProbedReads)
    if (std::memcmp(reinterpret_cast<const void *>(L.Addr), L.Bytes.data(), L.Bytes.size()) != 0)
      fatal("the worker running thread %u of %s died; running its part again read %s, which "
            "changed while the replay ran (after its check), so the program stops here",
            T.Tid, describeRunningRegion(T.Seq).c_str(), describeAddress(L.Addr).c_str());
  ProbedReads.clear();
}

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
  void *Shared =
      mmap(nullptr, sizeof(ReadNotes), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (Shared == MAP_FAILED) {
    close(Fds[0]);
    close(Fds[1]);
    return std::string("the replay could not be checked: ") + std::strerror(errno);
  }
  // Each replay thread probes with notes of its own (two may probe at once).
  auto *Mine = static_cast<ReadNotes *>(Shared);
  struct Unmap {
    ReadNotes *N;
    ~Unmap() { munmap(N, sizeof(ReadNotes)); }
  } UnmapNotes{Mine};
  // No atfork handlers (libomp's would run in a child that has only this
  // thread); the home's change history whole in the child.
  lookUpChildCalls();
  pid_t Parent = getpid();
  pid_t Child = homeForkFrozen();
  if (Child == 0) {
    // A master that stops (another replay refused) takes its checks along.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != Parent)
      _exit(1);
    close(Fds[0]);
    ReportFd = Fds[1];
    InProbe = 1;
    Notes = Mine;
    ProbeSeq = T.Seq;
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
  if (Code == Reached) {
    ProbedReads.clear();
    for (size_t At = 0, I = 0; I < Mine->Count; ++I) {
      uint64_t Head[2];
      std::memcpy(Head, Mine->Data + At, sizeof Head);
      const uint8_t *Bytes = Mine->Data + At + sizeof Head;
      ProbedReads.push_back({uintptr_t(Head[0]), std::vector<uint8_t>(Bytes, Bytes + Head[1])});
      At += sizeof Head + Head[1];
    }
    return "";
  }
  if (Got != ssize_t(sizeof R))
    Code = -1;
  return describeReport(Code, R, T.Tid, T.ReplayArriveWs);
}

} // namespace distomp::rt
