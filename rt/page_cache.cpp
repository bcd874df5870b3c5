//===- page_cache.cpp - A worker's copies of the master's pages -----------===//
#include "page_cache.h"
#include "address_space.h"
#include "config.h"
#include "diff.h"
#include "diag.h"
#include "messaging.h"
#include "shadow.h"
#include "stats.h"

#include "distomp/abi.h"
#include "log.h"

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <fcntl.h>
#include <unistd.h>
#include <csignal>
#include <cstring>
#include <memory>
#include <mutex>
#include <sys/mman.h>
#include <ucontext.h>
#include <unordered_map>

namespace distomp::rt {
namespace {

constexpr size_t PageSize = DISTOMP_PAGE_SIZE;
constexpr uint32_t MaxPagesPerRequest = 256; // 1 MiB

uint32_t Rank = 0;
std::recursive_mutex CacheLock; // the fault handler may re-enter on one thread
/// A page written since the last release: its bytes as they were before,
/// and where in the executable the first write came from (for race reports).
struct DirtyPage {
  std::unique_ptr<uint8_t[]> Twin;
  uint64_t WriterAt; // codeOffset() of the writing instruction
};
std::unordered_map<uint64_t, DirtyPage> Twins; // dirty pages
std::vector<uint64_t> Fetched;
std::vector<uint64_t> AtomicPages; // changed at home by this worker's atomics
uint64_t LastMissPage = 0;
std::mutex AcquireOrderLock;
std::condition_variable AcquireOrder;
uint64_t AppliedAcquire = 0;
uint32_t ReadAhead = 1;

uint8_t *pageAddr(uint64_t Page) { return reinterpret_cast<uint8_t *>(Page << DISTOMP_PAGE_SHIFT); }
uint8_t state(uint64_t Page) { return *shadowFor(pageAddr(Page)); }

void protect(uint64_t First, uint64_t Count, int Prot) {
  if (mprotect(pageAddr(First), Count * PageSize, Prot) != 0)
    fatal("mprotect of %llu page(s) at %p failed: %s", (unsigned long long)Count,
          pageAddr(First), std::strerror(errno));
}

/// The home's current bytes of Count pages from First (Count * PageSize).
Received requestPages(uint64_t First, uint32_t Count) {
  flatbuffers::FlatBufferBuilder B;
  wire::finish(B, wire::CreatePageRequest(B, First, Count));
  Received R = request(homeSocket(), B, wire::Body::PageData, "a page from the home");
  const wire::PageData *D = R.Msg->body_as_PageData();
  if (D->error() && D->error()->size())
    fatal("the home has no page at %p: %s", pageAddr(First), D->error()->c_str());
  if (D->first_page() != First || !D->data() || D->data()->size() != size_t(Count) * PageSize)
    fatal("the home answered a request for %u page(s) at %p with %zu bytes at %p", Count,
          pageAddr(First), D->data() ? size_t(D->data()->size()) : size_t(0),
          pageAddr(D->first_page()));
  stats().PagesFetched += Count;
  stats().FetchRequests += 1;
  return R;
}

/// Writes Size bytes into inaccessible pages without opening them: through
/// /proc/self/mem, which may write where the protection forbids, so another
/// thread of this process (code the pass never saw) cannot read a page half
/// filled. Falls back to opening the pages when the kernel refuses.
void fillInaccessible(uint64_t First, uint32_t Count, const uint8_t *Data) {
  static int Mem = open("/proc/self/mem", O_RDWR | O_CLOEXEC);
  size_t Size = size_t(Count) * PageSize;
  if (Mem >= 0 && pwrite(Mem, Data, Size, off_t(uintptr_t(pageAddr(First)))) == ssize_t(Size))
    return;
  protect(First, Count, PROT_READ | PROT_WRITE);
  std::memcpy(pageAddr(First), Data, Size);
}

/// Fetches Count invalid pages from First and installs them read-only.
void fetch(uint64_t First, uint32_t Count) {
  Received R = requestPages(First, Count);
  fillInaccessible(First, Count, R.Msg->body_as_PageData()->data()->data());
  protect(First, Count, PROT_READ);
  setShadow(uintptr_t(pageAddr(First)), uintptr_t(pageAddr(First + Count)), DISTOMP_PAGE_READONLY);
  for (uint32_t I = 0; I < Count; ++I)
    Fetched.push_back(First + I);
}

/// A writable page meets the home's newer bytes: every byte this process
/// has not written takes the home's value, and the twin becomes the home's
/// copy, so the next diff holds exactly this process's writes. A byte
/// written here while the home's copy changed is a race in the program.
void mergeHome(uint64_t Page) {
  Received R = requestPages(Page, 1);
  const uint8_t *Home = R.Msg->body_as_PageData()->data()->data();
  uint8_t *Copy = pageAddr(Page), *Twin = Twins[Page].Twin.get();
  for (size_t I = 0; I < PageSize; ++I) {
    if (Copy[I] == Twin[I] && Home[I] != Twin[I])
      Copy[I] = Home[I];
    Twin[I] = Home[I];
  }
  Fetched.push_back(Page);
}

/// Makes pages [First, Last] valid, fetching invalid runs in batches.
/// A miss right after the previous one reads ahead, doubling up to a batch.
void ensureValid(uint64_t First, uint64_t Last) {
  if (First == Last && state(First) == DISTOMP_PAGE_INVALID) {
    ReadAhead = First == LastMissPage + 1 ? std::min<uint32_t>(ReadAhead * 2, MaxPagesPerRequest) : 1;
    LastMissPage = First;
    uint64_t End = First;
    while (End + 1 < First + ReadAhead && state(End + 1) == DISTOMP_PAGE_INVALID)
      ++End;
    LastMissPage = End;
    Last = End;
  }
  uint64_t P = First;
  while (P <= Last) {
    if (state(P) != DISTOMP_PAGE_INVALID) {
      ++P;
      continue;
    }
    uint64_t Run = P;
    while (Run + 1 <= Last && Run + 1 - P < MaxPagesPerRequest &&
           state(Run + 1) == DISTOMP_PAGE_INVALID)
      ++Run;
    fetch(P, uint32_t(Run - P + 1));
    P = Run + 1;
  }
}

void makeWritable(uint64_t Page, uintptr_t WriterPC) {
  if (state(Page) != DISTOMP_PAGE_READONLY)
    return;
  auto Twin = std::make_unique<uint8_t[]>(PageSize);
  std::memcpy(Twin.get(), pageAddr(Page), PageSize);
  Twins.emplace(Page, DirtyPage{std::move(Twin), codeOffset(WriterPC)});
  protect(Page, 1, PROT_READ | PROT_WRITE);
  *shadowFor(pageAddr(Page)) = DISTOMP_PAGE_WRITABLE;
}

/// Makes the pages of [Addr, Addr+Size) valid here, and writable for a
/// store. Private pages (shadow 0) need nothing and are passed over.
void makeAccessible(const void *Addr, size_t Size, bool Write, uintptr_t WriterPC = 0) {
  if (Size == 0)
    return;
  uintptr_t A = reinterpret_cast<uintptr_t>(Addr);
  uint64_t First = A >> DISTOMP_PAGE_SHIFT, Last = (A + Size - 1) >> DISTOMP_PAGE_SHIFT;
  RuntimeTimer T;
  std::lock_guard<std::recursive_mutex> G(CacheLock);
  ensureValid(First, Last);
  if (Write)
    for (uint64_t P = First; P <= Last; ++P)
      makeWritable(P, WriterPC);
}

void drop(uint64_t First, uint64_t Count) {
  protect(First, Count, PROT_NONE);
  setShadow(uintptr_t(pageAddr(First)), uintptr_t(pageAddr(First + Count)), DISTOMP_PAGE_INVALID);
  stats().Invalidations += Count;
}

struct sigaction Previous;

void onFault(int Sig, siginfo_t *Info, void *Context) {
  uintptr_t A = reinterpret_cast<uintptr_t>(Info->si_addr);
  if (Info->si_code == SEGV_ACCERR && isMirrored(A)) {
    auto *UC = static_cast<ucontext_t *>(Context);
    bool Write = UC->uc_mcontext.gregs[REG_ERR] & 2;
    stats().Faults += 1;
    makeAccessible(Info->si_addr, 1, Write, uintptr_t(UC->uc_mcontext.gregs[REG_RIP]));
    return;
  }
  // Not ours: whatever handled it before, or the default (a crash).
  if (Previous.sa_flags & SA_SIGINFO) {
    Previous.sa_sigaction(Sig, Info, Context);
    return;
  }
  if (Previous.sa_handler != SIG_DFL && Previous.sa_handler != SIG_IGN) {
    Previous.sa_handler(Sig);
    return;
  }
  signal(Sig, SIG_DFL);
  raise(Sig);
}

} // namespace

void setWorkerRank(uint32_t R) { Rank = R; }
uint32_t workerRank() { return Rank; }

void cacheLoad(const void *Addr, size_t Size) { makeAccessible(Addr, Size, false); }
void cacheStore(void *Addr, size_t Size, uintptr_t WriterPC) {
  makeAccessible(Addr, Size, true, WriterPC);
}

std::vector<uint64_t> cacheCommit(uint64_t Seq, uint32_t Tid, uint32_t Ws, uint32_t Epoch,
                                  bool Critical, bool Ordered, CommitMode Mode) {
  std::lock_guard<std::recursive_mutex> G(CacheLock);
  std::vector<uint64_t> Changed;
  Changed.swap(AtomicPages);
  if (Twins.empty())
    return Changed;
  RuntimeTimer T(true);
  DiffRuns Runs; // page offsets
  // Per written page (Changed from here on): how many runs, where its first
  // write came from (race reports).
  size_t FirstWritten = Changed.size();
  std::vector<uint64_t> WriterAt;
  std::vector<uint32_t> PageRuns;
  std::vector<wire::PageRun> PageRunList;
  for (auto &[Page, Dirty] : Twins) {
    uint8_t *Twin = Dirty.Twin.get();
    size_t FirstRun = Runs.Addr.size(), DataAt = Runs.Data.size();
    if (diffPage(pageAddr(Page), Twin, PageSize, /*Base=*/0, Runs)) {
      Changed.push_back(Page);
      WriterAt.push_back(Dirty.WriterAt);
      PageRuns.push_back(uint32_t(Runs.Addr.size() - FirstRun));
      for (size_t I = FirstRun; I < Runs.Addr.size(); ++I)
        PageRunList.emplace_back(uint16_t(Runs.Addr[I]), uint16_t(Runs.Len[I]));
    }
    if (Mode == CommitMode::Shared) {
      // The twin takes exactly the bytes sent, as read: a write that lands
      // meanwhile still differs from it and goes with the next commit.
      for (size_t I = FirstRun; I < Runs.Addr.size(); ++I) {
        std::memcpy(Twin + Runs.Addr[I], Runs.Data.data() + DataAt, Runs.Len[I]);
        DataAt += Runs.Len[I];
      }
      continue;
    }
    protect(Page, 1, PROT_READ);
    *shadowFor(pageAddr(Page)) = DISTOMP_PAGE_READONLY;
  }
  if (Mode == CommitMode::Exclusive)
    Twins.clear();
  if (Runs.Addr.empty())
    return Changed;
  flatbuffers::FlatBufferBuilder B(Runs.Data.size() + PageRunList.size() * 4 +
                                   WriterAt.size() * 20 + 256);
  auto Off = wire::CreateCommit(B, Rank, Seq, Tid, Ws, Critical,
                                B.CreateVector(Changed.data() + FirstWritten, WriterAt.size()),
                                B.CreateVector(PageRuns), B.CreateVectorOfStructs(PageRunList),
                                B.CreateVector(Runs.Data), Epoch, Ordered,
                                B.CreateVector(WriterAt));
  wire::finish(B, Off);
  Received R = request(homeSocket(), B, wire::Body::CommitAck, "the home to apply a commit");
  const wire::CommitAck *Ack = R.Msg->body_as_CommitAck();
  if (Ack->error() && Ack->error()->size())
    fatal("the home could not apply this worker's changes: %s", Ack->error()->c_str());
  stats().DiffsSent += Runs.Addr.size();
  stats().DiffBytes += Runs.Data.size();
  return Changed;
}

std::vector<uint64_t> cacheTakeFetched() {
  std::lock_guard<std::recursive_mutex> G(CacheLock);
  std::vector<uint64_t> Out;
  Out.swap(Fetched);
  return Out;
}

namespace {
void applyInvalidations(const flatbuffers::Vector<uint64_t> *Pages) {
  if (!Pages || Pages->size() == 0)
    return;
  std::lock_guard<std::recursive_mutex> G(CacheLock);
  for (uint64_t P : *Pages) {
    uintptr_t A = uintptr_t(pageAddr(P));
    if (!isMirrored(A) || state(P) == DISTOMP_PAGE_INVALID)
      continue;
    if (Twins.count(P))
      mergeHome(P); // writable: other threads of this process may be writing it
    else
      drop(P, 1);
  }
}
} // namespace

void cacheInvalidate(const flatbuffers::Vector<uint64_t> *Pages, uint64_t AcquireSeq) {
  std::unique_lock<std::mutex> Order(AcquireOrderLock);
  if (AcquireSeq) {
    auto Bound = std::chrono::milliseconds(config().TimeoutMs);
    if (!AcquireOrder.wait_for(Order, Bound, [&] { return AppliedAcquire + 1 >= AcquireSeq; }))
      fatal("internal error: acquire %llu waited %u ms for acquire %llu",
            (unsigned long long)AcquireSeq, config().TimeoutMs,
            (unsigned long long)AppliedAcquire + 1);
  }
  applyInvalidations(Pages);
  if (AcquireSeq > AppliedAcquire)
    AppliedAcquire = AcquireSeq;
  AcquireOrder.notify_all();
}


void cacheAfterAtomic(void *Addr, uint32_t Size, uint64_t NewValue) {
  std::lock_guard<std::recursive_mutex> G(CacheLock);
  uint64_t Page = reinterpret_cast<uintptr_t>(Addr) >> DISTOMP_PAGE_SHIFT;
  AtomicPages.push_back(Page);
  switch (state(Page)) {
  case DISTOMP_PAGE_READONLY:
    drop(Page, 1); // the next read fetches the home's value
    break;
  case DISTOMP_PAGE_WRITABLE: {
    // Same bytes in the copy and its twin: the value is seen here and is not
    // part of the next diff.
    size_t Off = reinterpret_cast<uintptr_t>(Addr) & (PageSize - 1);
    std::memcpy(static_cast<uint8_t *>(Addr), &NewValue, Size);
    std::memcpy(Twins[Page].Twin.get() + Off, &NewValue, Size);
    break;
  }
  default:
    break;
  }
}

void installFaultHandler() {
  struct sigaction Sa {};
  Sa.sa_sigaction = onFault;
  Sa.sa_flags = SA_SIGINFO | SA_NODEFER;
  sigemptyset(&Sa.sa_mask);
  if (sigaction(SIGSEGV, &Sa, &Previous) != 0)
    fatal("cannot install the page-fault handler: %s", std::strerror(errno));
}

} // namespace distomp::rt
