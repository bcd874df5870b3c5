//===- page_cache.cpp - A worker's copies of the master's pages -----------===//
#include "memory/page_cache.h"
#include "memory/deferred_updates.h"
#include "program/errno_guard.h"
#include "memory/address_space.h"
#include "process/config.h"
#include "memory/diff.h"
#include "process/diag.h"
#include "process/messaging.h"
#include "memory/miss_streams.h"
#include "memory/shadow.h"
#include "process/stats.h"
#include "process/trace.h"

#include "distomp/abi.h"
#include "log.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
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
#include <unordered_set>

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
// A page an acquire dropped goes to Dropped; fetched again later, it is hot:
// the next acquire that drops it prefetches it at once, with the other hot
// pages, in one pipelined round (a stencil's halo rows, read again after
// every barrier, cost one round trip instead of one per page). A prefetched
// page stays invalid until its first access, which installs it without a
// message; one not accessed by the next acquire was not needed: its data is
// discarded (it may be stale by then) and the page cools.
std::unordered_set<uint64_t> Dropped, Hot;
// What each region installed the last time it ran here (at most
// MaxRegionPrefetch pages), by region id: an iterative program runs the same
// region step after step, and it reads the same pages each time (a halo, the
// small arrays every loop reads). Its next start prefetches those of them
// that are invalid in one round, instead of a round trip per miss.
constexpr size_t MaxRegionPrefetch = 1024;
std::unordered_map<uint64_t, std::vector<uint64_t>> RegionPages;
uint64_t RunningRegion = 0; // 0: none
std::vector<uint64_t> InstalledInRegion;
std::unordered_map<uint64_t, std::unique_ptr<uint8_t[]>> Prefetched;
std::vector<uint64_t> AtomicPages; // changed at home by this worker's atomics
std::mutex AcquireOrderLock;
std::condition_variable AcquireOrder;
uint64_t AppliedAcquire = 0;
MissStreams ReadStreams(MaxPagesPerRequest);
MissStreams WriteStreams(64); // twins taken ahead: 4 KiB copies each

uint8_t *pageAddr(uint64_t Page) { return reinterpret_cast<uint8_t *>(Page << DISTOMP_PAGE_SHIFT); }
uint8_t state(uint64_t Page) { return *shadowFor(pageAddr(Page)); }

void protect(uint64_t First, uint64_t Count, int Prot) {
  if (mprotect(pageAddr(First), Count * PageSize, Prot) != 0)
    fatal("mprotect of %llu page(s) at %p failed: %s", (unsigned long long)Count,
          pageAddr(First), std::strerror(errno));
}

flatbuffers::FlatBufferBuilder pageRequest(uint64_t First, uint32_t Count) {
  flatbuffers::FlatBufferBuilder B;
  wire::finish(B, wire::CreatePageRequest(B, First, Count));
  return B;
}

/// Why PageData does not answer a request for Count pages from First, or "".
std::string checkPageData(const wire::PageData *D, uint64_t First, uint32_t Count) {
  if (D->error() && D->error()->size())
    return D->error()->str();
  if (D->first_page() != First || !D->data() || D->data()->size() != size_t(Count) * PageSize) {
    char Msg[160];
    std::snprintf(Msg, sizeof Msg, "a request for %u page(s) was answered with %zu bytes at %p",
                  Count, D->data() ? size_t(D->data()->size()) : size_t(0),
                  pageAddr(D->first_page()));
    return Msg;
  }
  stats().PagesFetched += Count;
  stats().FetchRequests += 1;
  return "";
}

/// The home's current bytes of Count pages from First (Count * PageSize).
Received requestPages(uint64_t First, uint32_t Count) {
  Received R = request(homeSocket(), pageRequest(First, Count), wire::Body::PageData,
                       "a page from the home");
  std::string Error = checkPageData(R.Msg->body_as_PageData(), First, Count);
  if (!Error.empty())
    fatal("the home has no page at %p: %s", pageAddr(First), Error.c_str());
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

/// Installs the home's bytes of Count invalid pages from First, read-only.
void install(uint64_t First, uint32_t Count, const uint8_t *Data) {
  fillInaccessible(First, Count, Data);
  protect(First, Count, PROT_READ);
  setShadow(uintptr_t(pageAddr(First)), uintptr_t(pageAddr(First + Count)), DISTOMP_PAGE_READONLY);
  for (uint32_t I = 0; I < Count; ++I) {
    Fetched.push_back(First + I);
    if (Dropped.erase(First + I))
      Hot.insert(First + I);
    if (RunningRegion && InstalledInRegion.size() < MaxRegionPrefetch)
      InstalledInRegion.push_back(First + I);
  }
}

/// Fetches Count invalid pages from First and installs them read-only.
void fetch(uint64_t First, uint32_t Count) {
  Received R = requestPages(First, Count);
  install(First, Count, R.Msg->body_as_PageData()->data()->data());
}

/// Sorted page numbers as runs of consecutive pages (first, count), each at
/// most MaxRun long.
std::vector<std::pair<uint64_t, uint32_t>> pageRuns(const std::vector<uint64_t> &Sorted,
                                                    uint32_t MaxRun) {
  std::vector<std::pair<uint64_t, uint32_t>> Runs;
  for (uint64_t P : Sorted) {
    if (!Runs.empty() && Runs.back().first + Runs.back().second == P &&
        Runs.back().second < MaxRun)
      ++Runs.back().second;
    else
      Runs.emplace_back(P, 1);
  }
  return Runs;
}

/// Prefetches invalid pages (sorted) in one round: a request per contiguous
/// run, all sent before the first answer is read. A page the home no longer
/// has (unmapped since) is left out: nothing may need it.
void prefetch(const std::vector<uint64_t> &Pages) {
  std::vector<std::pair<uint64_t, uint32_t>> Runs = pageRuns(Pages, MaxPagesPerRequest);
  zmq::socket_t &Home = homeSocket();
  for (auto [First, Count] : Runs)
    sendMessage(Home, pageRequest(First, Count));
  for (auto [First, Count] : Runs) {
    Received R = awaitMessage(Home, wire::Body::PageData, "pages from the home", 0);
    const wire::PageData *D = R.Msg->body_as_PageData();
    std::string Error = checkPageData(D, First, Count);
    if (!Error.empty()) {
      logf(LogLevel::Debug, "pages at %p not prefetched: %s", pageAddr(First), Error.c_str());
      continue;
    }
    for (uint32_t I = 0; I < Count; ++I) {
      auto Copy = std::make_unique<uint8_t[]>(PageSize);
      std::memcpy(Copy.get(), D->data()->data() + size_t(I) * PageSize, PageSize);
      Prefetched[First + I] = std::move(Copy);
    }
  }
}

/// Installs Page from its prefetched copy, if it has one.
bool installPrefetched(uint64_t Page) {
  auto It = Prefetched.find(Page);
  if (It == Prefetched.end())
    return false;
  install(Page, 1, It->second.get());
  Prefetched.erase(It);
  return true;
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

/// The last page a miss at Miss takes with it when it continues one of
/// Streams' walks: the pages after Last that are in state State, up to the
/// walk's window from Miss.
uint64_t takeAhead(MissStreams &Streams, uint64_t Miss, uint64_t Last, uint8_t State) {
  uint32_t Window = Streams.window(Miss);
  while (Last + 1 < Miss + Window && state(Last + 1) == State)
    ++Last;
  Streams.took(Last);
  return Last;
}

/// Ranges of fewer pages than this may continue a sequential walk.
constexpr uint64_t SmallRangePages = 16;

/// Makes pages [First, Last] valid, fetching invalid runs in batches
/// (prefetched pages are installed from their copies). A miss that
/// continues a sequential walk reads ahead, its window doubling up to a
/// batch.
void ensureValid(uint64_t First, uint64_t Last) {
  if (Last - First < SmallRangePages) {
    // One access (a struct may straddle two pages), or a loop's range check
    // over a few pages (a row of a 2D array: 8 KiB over three pages): its
    // first missing page may continue a sequential walk, which then reads
    // ahead. A row per request cost a 1024 x 1024 stencil's cold run 1,000
    // round trips.
    uint64_t Miss = First;
    while (Miss <= Last && state(Miss) != DISTOMP_PAGE_INVALID)
      ++Miss;
    if (Miss <= Last && !Prefetched.count(Miss))
      Last = takeAhead(ReadStreams, Miss, Last, DISTOMP_PAGE_INVALID);
  }
  uint64_t P = First;
  while (P <= Last) {
    if (state(P) != DISTOMP_PAGE_INVALID || installPrefetched(P)) {
      ++P;
      continue;
    }
    uint64_t Run = P;
    while (Run + 1 <= Last && Run + 1 - P < MaxPagesPerRequest &&
           state(Run + 1) == DISTOMP_PAGE_INVALID && !Prefetched.count(Run + 1))
      ++Run;
    fetch(P, uint32_t(Run - P + 1));
    P = Run + 1;
  }
}

/// Makes the read-only pages among [First, Last] writable, each with a
/// twin: one mprotect per contiguous run (each one costs the other cores a
/// TLB shootdown).
void makeWritable(uint64_t First, uint64_t Last, uintptr_t WriterPC) {
  uint64_t P = First;
  while (P <= Last) {
    if (state(P) != DISTOMP_PAGE_READONLY) {
      ++P;
      continue;
    }
    uint64_t Run = P;
    for (; Run <= Last && state(Run) == DISTOMP_PAGE_READONLY; ++Run) {
      auto Twin = std::make_unique<uint8_t[]>(PageSize);
      std::memcpy(Twin.get(), pageAddr(Run), PageSize);
      Twins.emplace(Run, DirtyPage{std::move(Twin), codeOffset(WriterPC)});
    }
    protect(P, Run - P, PROT_READ | PROT_WRITE);
    setShadow(uintptr_t(pageAddr(P)), uintptr_t(pageAddr(Run)), DISTOMP_PAGE_WRITABLE);
    P = Run;
  }
}

/// Makes the pages of [Addr, Addr+Size) valid here, and writable for a
/// store. Private pages (shadow 0) need nothing and are passed over.
void makeAccessible(const void *Addr, size_t Size, bool Write, uintptr_t WriterPC = 0) {
  ErrnoGuard KeepErrno; // the program may test errno right after this access
  if (Size == 0)
    return;
  uintptr_t A = reinterpret_cast<uintptr_t>(Addr);
  uint64_t First = A >> DISTOMP_PAGE_SHIFT, Last = (A + Size - 1) >> DISTOMP_PAGE_SHIFT;
  RuntimeTimer T;
  std::lock_guard<std::recursive_mutex> G(CacheLock);
  flushUpdatesOnPages(First, Last); // the home's copy then has them
  ensureValid(First, Last);
  if (!Write)
    return;
  // A store miss that continues a sequential walk writes ahead: the
  // read-only pages that follow, up to the walk's window, get their twins
  // now (a page not written after all diffs to nothing). A loop writing an
  // array then costs a few misses, not one per page.
  if (First == Last && state(First) == DISTOMP_PAGE_READONLY)
    Last = takeAhead(WriteStreams, First, Last, DISTOMP_PAGE_READONLY);
  makeWritable(First, Last, WriterPC);
}

void drop(uint64_t Page) {
  protect(Page, 1, PROT_NONE);
  *shadowFor(pageAddr(Page)) = DISTOMP_PAGE_INVALID;
  stats().Invalidations += 1;
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

namespace {

/// One release's changes, encoded page by page (Commit's fields).
struct CommitParts {
  uint64_t Notify; // nonzero: the last piece is not waited for (Commit.notify)
  uint64_t Seq;
  uint32_t Tid, Ws, Epoch;
  bool Critical, Ordered;
  const uint64_t *Pages; // the changed pages, NPages of them
  size_t NPages;
  const std::vector<uint32_t> &PageRuns;
  const std::vector<wire::PageRun> &Runs;
  const std::vector<uint8_t> &Data;
  const std::vector<uint64_t> &WriterAt, &Masks;
};

/// Numbers of commits whose acknowledgement the coordinator waits for (the
/// home tells it, Commit.notify): 1, 2, ... in the order they are sent.
std::atomic<uint64_t> LastNotify{0};

/// The bound on waiting for a commit's acknowledgement: the join timeout plus
/// the time its bytes take at 10 MB/s.
unsigned ackBound(size_t DataBytes) { return config().TimeoutMs + unsigned(DataBytes / 10000); }

/// Sends P home in as many pieces as its size needs, each with its pages
/// whole, and waits for each acknowledgement but, with P.Notify, the last
/// one's (read later: expectCommitAck). The home applies the pieces together
/// with the last, so a worker lost in between leaves nothing.
void sendCommit(const CommitParts &P) {
  // A piece's data at most: frames are limited to kMaxMessageBytes (1 GiB),
  // and a release can change more than that.
  const size_t CommitPieceBytes = size_t(config().CommitPieceKiB) << 10;
  size_t NPages = P.NPages, Page = 0, Run = 0, Mask = 0, Byte = 0;
  while (Page < NPages) {
    size_t FirstPage = Page, FirstRun = Run, FirstMask = Mask, FirstByte = Byte;
    if (FirstPage == 0 && P.Data.size() <= CommitPieceBytes) {
      // The usual release: one piece, no walk over its pages.
      Page = NPages, Run = P.Runs.size(), Mask = P.Masks.size(), Byte = P.Data.size();
    }
    while (Page < NPages && (Page == FirstPage || Byte - FirstByte < CommitPieceBytes)) {
      uint32_t N = P.PageRuns[Page];
      size_t Bytes = 0;
      if (N == 0) {
        for (uint32_t W = 0; W < MaskWords; ++W)
          Bytes += size_t(__builtin_popcountll(P.Masks[Mask + W]));
        Mask += MaskWords;
      } else {
        for (uint32_t I = 0; I < N; ++I)
          Bytes += P.Runs[Run + I].len();
        Run += N;
      }
      Byte += Bytes;
      ++Page;
    }
    bool More = Page < NPages;
    size_t DataBytes = Byte - FirstByte;
    flatbuffers::FlatBufferBuilder B(DataBytes + (Run - FirstRun) * 4 + (Mask - FirstMask) * 8 +
                                     (Page - FirstPage) * 20 + 256);
    auto Off = wire::CreateCommit(
        B, Rank, P.Seq, P.Tid, P.Ws, P.Critical,
        B.CreateVector(P.Pages + FirstPage, Page - FirstPage),
        B.CreateVector(P.PageRuns.data() + FirstPage, Page - FirstPage),
        B.CreateVectorOfStructs(P.Runs.data() + FirstRun, Run - FirstRun),
        B.CreateVector(P.Data.data() + FirstByte, DataBytes), P.Epoch, P.Ordered,
        B.CreateVector(P.WriterAt.data() + FirstPage, Page - FirstPage),
        B.CreateVector(P.Masks.data() + FirstMask, Mask - FirstMask), More,
        More ? 0 : P.Notify);
    wire::finish(B, Off);
    sendMessage(homeSocket(), B);
    if (!More && P.Notify)
      expectCommitAck(ackBound(DataBytes));
    else
      awaitCommitAck(ackBound(DataBytes));
  }
}

} // namespace

std::vector<uint64_t> cacheCommit(uint64_t Seq, uint32_t Tid, uint32_t Ws, uint32_t Epoch,
                                  bool Critical, bool Ordered, CommitMode Mode,
                                  uint64_t *Pending) {
  TraceSpan Span("commit");
  // A release names the process's latest commit left unacknowledged, its
  // own or not: what it publishes includes what this process committed
  // before (another lock's release, another thread's), so the coordinator
  // lets it count only once all of them are applied.
  struct NameLatest {
    uint64_t *P;
    ~NameLatest() {
      if (P)
        *P = LastNotify.load();
    }
  } Latest{Pending};
  std::lock_guard<std::recursive_mutex> G(CacheLock);
  std::vector<uint64_t> Changed;
  Changed.swap(AtomicPages);
  if (Twins.empty())
    return Changed;
  RuntimeTimer T;
  // Per written page (Changed from here on): how many runs (0: masked),
  // where its first write came from (race reports).
  size_t FirstWritten = Changed.size();
  std::vector<uint64_t> WriterAt, Masks;
  std::vector<uint32_t> PageRuns;
  std::vector<wire::PageRun> Runs;
  std::vector<uint8_t> Data;
  for (auto &[Page, Dirty] : Twins) {
    uint8_t *Twin = Dirty.Twin.get();
    const uint8_t *Copy = pageAddr(Page);
    ByteMask M = differingBytes(Copy, Twin);
    if (!isEmpty(M)) {
      size_t DataAt = Data.size();
      size_t RunCount = countRuns(M);
      Changed.push_back(Page);
      WriterAt.push_back(Dirty.WriterAt);
      if (RunCount * sizeof(wire::PageRun) > sizeof(ByteMask)) {
        PageRuns.push_back(0); // masked: fragmented, a bit per byte is smaller
        Masks.insert(Masks.end(), M.begin(), M.end());
        gatherBytes(Copy, M, Data);
      } else {
        PageRuns.push_back(uint32_t(RunCount));
        forEachRun(M, [&](uint32_t Offset, uint32_t Len) {
          Runs.emplace_back(uint16_t(Offset), uint16_t(Len));
          Data.insert(Data.end(), Copy + Offset, Copy + Offset + Len);
        });
      }
      // The twin takes exactly the bytes sent, as read: a write that lands
      // meanwhile still differs from it and goes with the next commit.
      if (Mode == CommitMode::Shared)
        blendBytes(Twin, M, Data.data() + DataAt);
    }
  }
  if (Mode == CommitMode::Exclusive) {
    // Back to read-only, one mprotect per contiguous run.
    std::vector<uint64_t> Written;
    Written.reserve(Twins.size());
    for (auto &Entry : Twins)
      Written.push_back(Entry.first);
    std::sort(Written.begin(), Written.end());
    for (auto [First, Count] : pageRuns(Written, UINT32_MAX)) {
      protect(First, Count, PROT_READ);
      setShadow(uintptr_t(pageAddr(First)), uintptr_t(pageAddr(First + Count)),
                DISTOMP_PAGE_READONLY);
    }
    Twins.clear();
  }
  if (Data.empty())
    return Changed;
  // Numbers for commits whose acknowledgement the coordinator waits for.
  uint64_t Notify = Pending ? ++LastNotify : 0;
  sendCommit(CommitParts{Notify, Seq, Tid, Ws, Epoch, Critical, Ordered,
                         Changed.data() + FirstWritten, WriterAt.size(), PageRuns, Runs, Data,
                         WriterAt, Masks});
  stats().PagesCommitted += WriterAt.size();
  stats().DiffBytes += Data.size();
  return Changed;
}

std::vector<uint64_t> cacheTakeFetched() {
  std::lock_guard<std::recursive_mutex> G(CacheLock);
  std::vector<uint64_t> Out;
  Out.swap(Fetched);
  return Out;
}

namespace {
/// Drops Pages; returns those to fetch again at once (hot ones, if FetchHot).
std::vector<uint64_t> applyInvalidations(const flatbuffers::Vector<uint64_t> *Pages,
                                         bool FetchHot) {
  for (auto &Entry : Prefetched) { // not accessed since the last acquire
    Hot.erase(Entry.first);
    Dropped.insert(Entry.first);
  }
  Prefetched.clear();
  std::vector<uint64_t> Again;
  for (uint32_t I = 0; Pages && I < Pages->size(); ++I) {
    uint64_t P = Pages->Get(I);
    uintptr_t A = uintptr_t(pageAddr(P));
    if (!isMirrored(A) || state(P) == DISTOMP_PAGE_INVALID)
      continue;
    if (Twins.count(P)) {
      // Writable: other threads of this process may be writing it. Updates
      // kept on it (applied to the copy and twin) are performed first, else
      // the merge would take the home's older value over them.
      flushUpdatesOnPages(P, P);
      mergeHome(P);
      continue;
    }
    drop(P);
    if (FetchHot && Hot.count(P))
      Again.push_back(P);
    else
      Dropped.insert(P);
  }
  return Again;
}

void prefetchSorted(std::vector<uint64_t> &Pages) {
  if (Pages.empty())
    return;
  RuntimeTimer T;
  std::sort(Pages.begin(), Pages.end());
  Pages.erase(std::unique(Pages.begin(), Pages.end()), Pages.end());
  prefetch(Pages);
}

/// Acquire number AcquireSeq (0: unnumbered), once those before it are
/// applied: drops Pages, and prefetches in one round the hot ones among
/// them (FetchHot) and those AlsoFetch adds (it runs after the drops, under
/// CacheLock).
template <typename Fn>
void acquire(const flatbuffers::Vector<uint64_t> *Pages, uint64_t AcquireSeq, bool FetchHot,
             Fn &&AlsoFetch) {
  std::unique_lock<std::mutex> Order(AcquireOrderLock);
  if (AcquireSeq) {
    auto Bound = std::chrono::milliseconds(config().TimeoutMs);
    if (!AcquireOrder.wait_for(Order, Bound, [&] { return AppliedAcquire + 1 >= AcquireSeq; }))
      fatal("internal error: acquire %llu waited %u ms for acquire %llu",
            (unsigned long long)AcquireSeq, config().TimeoutMs,
            (unsigned long long)AppliedAcquire + 1);
  }
  {
    std::lock_guard<std::recursive_mutex> G(CacheLock);
    std::vector<uint64_t> Again = applyInvalidations(Pages, FetchHot);
    AlsoFetch(Again);
    prefetchSorted(Again);
  }
  if (AcquireSeq > AppliedAcquire)
    AppliedAcquire = AcquireSeq;
  AcquireOrder.notify_all();
}
} // namespace

void cacheInvalidate(const flatbuffers::Vector<uint64_t> *Pages, uint64_t AcquireSeq,
                     bool FetchHot) {
  TraceSpan Span("invalidate");
  acquire(Pages, AcquireSeq, FetchHot, [&](std::vector<uint64_t> &) {
    if (RunningRegion && !FetchHot) { // the region's end: what it installed
      RegionPages[RunningRegion] = std::move(InstalledInRegion);
      InstalledInRegion.clear();
      RunningRegion = 0;
    }
  });
}

void cacheStartRegion(uint64_t RegionId, const flatbuffers::Vector<uint64_t> *Pages,
                      uint64_t AcquireSeq) {
  TraceSpan Span("invalidate at the region's start");
  acquire(Pages, AcquireSeq, true, [&](std::vector<uint64_t> &Again) {
    if (auto It = RegionPages.find(RegionId); It != RegionPages.end())
      for (uint64_t P : It->second)
        if (isMirrored(uintptr_t(pageAddr(P))) && state(P) == DISTOMP_PAGE_INVALID)
          Again.push_back(P);
    RunningRegion = RegionId;
    InstalledInRegion.clear();
  });
}

void cacheAfterAtomic(void *Addr, uint32_t Size, uint64_t NewValue) {
  std::lock_guard<std::recursive_mutex> G(CacheLock);
  uint64_t Page = reinterpret_cast<uintptr_t>(Addr) >> DISTOMP_PAGE_SHIFT;
  AtomicPages.push_back(Page);
  Prefetched.erase(Page); // older than the home's value now
  switch (state(Page)) {
  case DISTOMP_PAGE_READONLY:
    drop(Page); // the next read fetches the home's value
    break;
  case DISTOMP_PAGE_WRITABLE: {
    // Same bytes in the copy and its twin: the value is seen here and is not
    // part of the next diff. Unless the place was written here since (after
    // an update kept, the copy and twin took it alike): then the copy keeps
    // what was written, which the next commit sends.
    size_t Off = reinterpret_cast<uintptr_t>(Addr) & (PageSize - 1);
    uint8_t *Twin = Twins[Page].Twin.get() + Off;
    if (std::memcmp(Addr, Twin, Size) == 0)
      std::memcpy(static_cast<uint8_t *>(Addr), &NewValue, Size);
    std::memcpy(Twin, &NewValue, Size);
    break;
  }
  default:
    break;
  }
}

void cacheCommitBeforeAtomic(void *Addr, uint32_t Size, uint64_t Seq, uint32_t Tid,
                             uint32_t Ws, uint32_t Epoch) {
  std::lock_guard<std::recursive_mutex> G(CacheLock);
  uint64_t Page = reinterpret_cast<uintptr_t>(Addr) >> DISTOMP_PAGE_SHIFT;
  auto T = Twins.find(Page);
  if (T == Twins.end())
    return;
  size_t Off = reinterpret_cast<uintptr_t>(Addr) & (PageSize - 1);
  if (std::memcmp(pageAddr(Page) + Off, T->second.Twin.get() + Off, Size) == 0)
    return; // not written here since the last release
  // Written here, and not at the home yet: the home's operation must start
  // from this value. Everything written goes home now (pages stay
  // writable), to be reported with the next release like atomics' pages.
  std::vector<uint64_t> Changed = cacheCommit(Seq, Tid, Ws, Epoch, /*Critical=*/true,
                                              /*Ordered=*/false, CommitMode::Shared);
  AtomicPages.insert(AtomicPages.end(), Changed.begin(), Changed.end());
}

std::recursive_mutex &cacheLock() { return CacheLock; }

void cachePrepareUpdate(void *Addr, uint32_t Size, uint32_t Op, uint64_t Value) {
  uint64_t Page = reinterpret_cast<uintptr_t>(Addr) >> DISTOMP_PAGE_SHIFT;
  switch (state(Page)) {
  case DISTOMP_PAGE_WRITABLE: {
    // Applied to the copy and its twin alike: the diff leaves it out, and
    // this process reads its own update.
    size_t Off = reinterpret_cast<uintptr_t>(Addr) & (PageSize - 1);
    for (uint8_t *At : {pageAddr(Page) + Off, Twins[Page].Twin.get() + Off}) {
      uint64_t Old = 0;
      std::memcpy(&Old, At, Size);
      uint64_t New = combineUpdate(Old, Value, Op, Size);
      std::memcpy(At, &New, Size);
    }
    return;
  }
  case DISTOMP_PAGE_READONLY:
    drop(Page);
    break;
  default:
    break;
  }
  Prefetched.erase(Page); // it would be installed without a miss
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
