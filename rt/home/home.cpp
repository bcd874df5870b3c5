//===- home.cpp - The master as home of all shared memory -----------------===//
#include "home/home.h"
#include "memory/address_space.h"
#include "memory/atomics.h"
#include "process/diag.h"
#include "process/messaging.h"
#include "memory/diff.h"
#include "memory/shadow.h"
#include "home/change_history.h"
#include "home/race_detector.h"
#include "home/written_pages.h"
#include "process/stats.h"
#include "process/trace.h"
#include "process/threads.h"

#include "distomp/abi.h"
#include "log.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <map>
#include <set>
#include <memory>
#include <mutex>
#include <sys/uio.h>
#include <thread>
#include <unistd.h>
#include <unordered_map>
#include <vector>

namespace distomp::rt {
namespace {

using FBB = flatbuffers::FlatBufferBuilder;
constexpr size_t PageSize = DISTOMP_PAGE_SIZE;
constexpr uint32_t MaxPagesPerRequest = 1024;

// Never destroyed: the home thread serves until the process ends, exit()
// included.
std::mutex HomeLock;
auto &Snapshots = *new std::unordered_map<uint64_t, std::unique_ptr<uint8_t[]>>;
/// Snapshots' pages in order, for collections; rebuilt when pages were added.
auto &SortedSnapshots = *new std::vector<uint64_t>;
bool SnapshotsAdded = false;
auto &Records = *new std::map<std::pair<uint64_t, uint32_t>, CommitRecord>; // (seq, rank)
/// When each line changed in the region run in progress (change_history.h).
auto &History = *new ChangeHistory;
/// Workers the job declared dead: nothing they send is applied (homeFence).
auto &FencedRanks = *new std::set<uint32_t>;
zmq::socket_t *Router = nullptr; // used by the home thread until the process ends

/// The record of worker Rank in region run Seq. Anything from a run means
/// the earlier ones are over, and their records go (memory per region stays
/// constant). Caller holds HomeLock.
CommitRecord &recordFor(uint64_t Seq, uint32_t Rank) {
  if (!Records.empty() && Records.begin()->first.first < Seq)
    Records.erase(Records.begin(), Records.lower_bound({Seq, 0}));
  return Records[{Seq, Rank}];
}

/// Snapshots taken at the master's first write to a page no worker held
/// (homeMasterFirstWrite), at most MaxFirstWriteSnapshots (256 MiB): past
/// that the master's further first writes are not watched, and races
/// between the master and a worker on pages the worker fetched after the
/// master wrote them go unreported.
constexpr size_t MaxFirstWriteSnapshots = 65536;
size_t FirstWriteSnapshots = 0;

uint8_t *pageAddr(uint64_t Page) { return reinterpret_cast<uint8_t *>(Page << DISTOMP_PAGE_SHIFT); }

/// A page with a snapshot is compared at every collection, so the master's
/// stores to it need not reach the runtime: its shadow byte goes back to
/// writable (nonzero bytes exist only in armed ranges, where the table is
/// writable). Caller holds HomeLock.
void disarm(uint64_t Page) {
  if (pageState(pageAddr(Page)) != DISTOMP_PAGE_WRITABLE)
    *shadowFor(pageAddr(Page)) = DISTOMP_PAGE_WRITABLE;
}

/// Keeps a copy of Page as it is now (From: its bytes, already read), unless
/// one is kept. Caller holds HomeLock.
void keepSnapshot(uint64_t Page, const uint8_t *From) {
  auto &Snap = Snapshots[Page];
  if (!Snap) {
    Snap = std::make_unique<uint8_t[]>(PageSize);
    std::memcpy(Snap.get(), From, PageSize);
    SnapshotsAdded = true;
  }
  disarm(Page);
}

/// Copies between this process's memory and a buffer through the kernel, so
/// an address that is not mapped gives an error instead of a crash.
bool copyFromSelf(void *Dst, uintptr_t Src, size_t Size) {
  iovec Local{Dst, Size}, Remote{reinterpret_cast<void *>(Src), Size};
  return process_vm_readv(getpid(), &Local, 1, &Remote, 1, 0) == ssize_t(Size);
}
/// One page of a commit, read and checked: the bytes it writes, one bit per
/// byte, and their new values.
struct PageChange {
  uint64_t Page = 0;
  uint64_t WriterAt = 0;
  ByteMask Written{};
  const flatbuffers::Vector<const wire::PageRun *> *Runs = nullptr; // null: masked
  size_t FirstRun = 0, RunCount = 0;
  uint32_t FirstOffset = 0; // of Data[0]
  const uint8_t *Data = nullptr;  // in page order (a run page: in run order)
  size_t Bytes = 0;
};

/// Writes C's bytes over the page at Base: the master's memory (Live) or a
/// snapshot of it, written under HomeLock only.
void writeChange(uint8_t *Base, const PageChange &C, bool Live) {
  if (!C.Runs) {
    if (Live)
      scatterBytes(Base, C.Written, C.Data);
    else
      blendBytes(Base, C.Written, C.Data);
    return;
  }
  const uint8_t *Src = C.Data;
  for (size_t I = C.FirstRun; I < C.FirstRun + C.RunCount; ++I) {
    const wire::PageRun *R = C.Runs->Get(uint32_t(I));
    std::memcpy(Base + R->offset(), Src, R->len());
    Src += R->len();
  }
}

/// Writes each page's first changed byte through the kernel, which proves
/// the pages mapped and writable here (a worker's bad address is an error,
/// not a crash); the rest are then plain copies. One system call for up to
/// IOV_MAX pages: a call per page was a tenth of the home's time on a
/// commit of 64 Ising pages. Returns the index of the first page that
/// cannot be written, with every proved byte put back, or Pages.size().
size_t provePages(const std::vector<PageChange> &Pages) {
  static const size_t Batch = size_t(sysconf(_SC_IOV_MAX) > 0 ? sysconf(_SC_IOV_MAX) : 16);
  std::vector<iovec> Local, Remote;
  std::vector<uint8_t> Before(Pages.size());
  size_t Proved = 0;
  while (Proved < Pages.size()) {
    size_t N = std::min(Batch, Pages.size() - Proved);
    Local.resize(N);
    Remote.resize(N);
    for (size_t I = 0; I < N; ++I) {
      const PageChange &C = Pages[Proved + I];
      Local[I] = {&Before[Proved + I], 1};
      Remote[I] = {reinterpret_cast<uint8_t *>(C.Page << DISTOMP_PAGE_SHIFT) + C.FirstOffset, 1};
    }
    // The kernel stops at the first page it cannot read or write: the count
    // says which. The bytes read first go back if a later page fails.
    ssize_t Read = process_vm_readv(getpid(), Local.data(), N, Remote.data(), N, 0);
    size_t Readable = Read > 0 ? size_t(Read) : 0;
    for (size_t I = 0; I < Readable; ++I)
      Local[I].iov_base = const_cast<uint8_t *>(Pages[Proved + I].Data);
    ssize_t Written = Readable
                          ? process_vm_writev(getpid(), Local.data(), Readable, Remote.data(),
                                              Readable, 0)
                          : 0;
    Proved += Written > 0 ? size_t(Written) : 0;
    if (Written != ssize_t(N))
      break;
  }
  if (Proved < Pages.size())
    for (size_t I = 0; I < Proved; ++I)
      reinterpret_cast<uint8_t *>(Pages[I].Page << DISTOMP_PAGE_SHIFT)[Pages[I].FirstOffset] =
          Before[I];
  return Proved;
}

/// Every answer the home sends, counted for DISTOMP_STATS.
void reply(const zmq::message_t &Id, const FBB &B) {
  stats().BytesOut += B.GetSize();
  ++stats().MessagesOut;
  wire::sendTo(*Router, Id, B);
}

void servePages(const zmq::message_t &Id, const wire::PageRequest &R) {
  TraceSpan Span("serve pages");
  FBB B(size_t(std::min(R.count(), MaxPagesPerRequest)) * PageSize + 128);
  uint64_t First = R.first_page();
  uint32_t Count = R.count();
  if (Count == 0 || Count > MaxPagesPerRequest || First >= (1ull << (47 - DISTOMP_PAGE_SHIFT))) {
    wire::finish(B, wire::CreatePageData(B, First, 0, B.CreateString("bad page request")));
    reply(Id, B);
    return;
  }
  uint8_t *Dst = nullptr;
  auto Data = B.CreateUninitializedVector<uint8_t>(size_t(Count) * PageSize, &Dst);
  std::lock_guard<std::mutex> G(HomeLock);
  if (!copyFromSelf(Dst, uintptr_t(First << DISTOMP_PAGE_SHIFT), size_t(Count) * PageSize)) {
    FBB E;
    wire::finish(E, wire::CreatePageData(
                        E, First, 0,
                        E.CreateString("no memory mapped there in the master (freed, or never "
                                       "shared)")));
    reply(Id, E);
    return;
  }
  for (uint32_t I = 0; I < Count; ++I)
    keepSnapshot(First + I, Dst + size_t(I) * PageSize);
  wire::finish(B, wire::CreatePageData(B, First, Data));
  stats().PagesServed += Count;
  reply(Id, B);
}

/// The master's own writes among the bytes Written of page Page: where its
/// memory differs from the snapshot. Recorded for race detection as process
/// 0's writes in epoch Epoch of region run Seq.
void recordMasterWrites(uint64_t Page, const ByteMask &Written, const uint8_t *Snapshot,
                        uint64_t Seq, uint32_t Epoch) {
  const uint8_t *Memory = reinterpret_cast<const uint8_t *>(Page << DISTOMP_PAGE_SHIFT);
  ByteMask Master = differingBytes(Memory, Snapshot);
  for (uint32_t W = 0; W < MaskWords; ++W)
    Master[W] &= Written[W];
  raceRecordPage(Seq, Epoch, 0, Page, Master, /*WriterAt=*/0);
}

/// Reads a commit's pages into Out, or says why its layout is wrong: one
/// entry per page in page, page_runs and writer_at (if any); a run page's
/// runs inside the page and none empty; a masked page's 64 words in masks,
/// not all zero; the data exactly the pages' bytes.
std::string readCommit(const wire::Commit &C, std::vector<PageChange> &Out) {
  size_t Pages = C.page() ? C.page()->size() : 0;
  if ((C.page_runs() ? C.page_runs()->size() : 0) != Pages)
    return "pages and their run counts differ in number";
  bool HasWriters = C.writer_at() && C.writer_at()->size();
  if (HasWriters && C.writer_at()->size() != Pages)
    return "pages and their writers differ in number";
  size_t RunCount = C.runs() ? C.runs()->size() : 0, MaskCount = C.masks() ? C.masks()->size() : 0;
  size_t DataSize = C.data() ? C.data()->size() : 0;
  size_t Run = 0, Mask = 0, Data = 0;
  Out.resize(Pages);
  for (size_t P = 0; P < Pages; ++P) {
    PageChange &PC = Out[P];
    PC.Page = C.page()->Get(uint32_t(P));
    PC.WriterAt = HasWriters ? C.writer_at()->Get(uint32_t(P)) : 0;
    uint32_t N = C.page_runs()->Get(uint32_t(P));
    if (N == 0) {
      if (Mask + MaskWords > MaskCount)
        return "a masked page has no mask";
      for (uint32_t W = 0; W < MaskWords; ++W)
        PC.Written[W] = C.masks()->Get(uint32_t(Mask + W));
      Mask += MaskWords;
      if (isEmpty(PC.Written))
        return "a masked page changes nothing";
      PC.Bytes = countBytes(PC.Written);
      uint32_t W = 0;
      while (!PC.Written[W])
        ++W;
      PC.FirstOffset = W * 64 + uint32_t(__builtin_ctzll(PC.Written[W]));
    } else {
      if (N > RunCount - Run)
        return "the run counts do not add up to the runs";
      PC.Runs = C.runs();
      PC.FirstRun = Run;
      PC.RunCount = N;
      for (size_t I = Run; I < Run + N; ++I) {
        const wire::PageRun *R = C.runs()->Get(uint32_t(I));
        if (R->len() == 0 || uint32_t(R->offset()) + R->len() > PageSize)
          return "a run is empty or crosses its page";
        addRun(PC.Written, R->offset(), R->len());
        PC.Bytes += R->len();
      }
      PC.FirstOffset = C.runs()->Get(uint32_t(Run))->offset();
      Run += N;
    }
    if (PC.Bytes > DataSize - Data)
      return "the data is not the pages' bytes";
    PC.Data = C.data()->data() + Data;
    Data += PC.Bytes;
  }
  if (Run != RunCount)
    return "the run counts do not add up to the runs";
  if (Mask != MaskCount)
    return "masks are left over";
  if (Data != DataSize)
    return "the data is not the pages' bytes";
  return "";
}

/// Whether Rank was declared dead; if so, tells it so instead of answering.
/// Caller holds HomeLock.
bool refuseFenced(const zmq::message_t &Id, uint32_t Rank) {
  if (!FencedRanks.count(Rank))
    return false;
  FBB B;
  wire::finish(B, wire::CreateFenced(B, B.CreateString("the job declared it dead (it stopped "
                                                        "answering) and runs its part elsewhere; "
                                                        "the home refused its commit")));
  reply(Id, B);
  ++stats().FencedMessages;
  return true;
}

/// Reads and checks a commit: its layout (readCommit), and that every page
/// is the master's shared memory, not the runtime's page tables, its
/// libraries' data or what is not mapped. Returns why not, or "".
std::string checkCommit(const wire::Commit &C, std::vector<PageChange> &Pages) {
  std::string Error = readCommit(C, Pages);
  if (!Error.empty())
    return Error;
  std::vector<AddressRange> Shared = listMasterRanges();
  for (const PageChange &PC : Pages)
    if (!inAnyRange(Shared, uintptr_t(PC.Page << DISTOMP_PAGE_SHIFT))) {
      char Msg[96];
      std::snprintf(Msg, sizeof Msg, "page 0x%llx is not the master's shared memory",
                    (unsigned long long)(PC.Page << DISTOMP_PAGE_SHIFT));
      return Msg;
    }
  return "";
}

/// Applies a checked commit to the master's memory (all of it or, when a
/// page cannot be written, none) and records it. Caller holds HomeLock.
std::string applyChecked(const wire::Commit &C, std::vector<PageChange> &Pages) {
  std::vector<uint8_t *> Snapshot(Pages.size(), nullptr);
  for (size_t I = 0; I < Pages.size(); ++I) {
    const PageChange &PC = Pages[I];
    auto S = Snapshots.find(PC.Page);
    if (S == Snapshots.end())
      continue;
    Snapshot[I] = S->second.get();
    // The master's uncollected writes here are about to be overwritten by a
    // commit of the same epoch: they count as its writes of that epoch.
    // (Before the proof below, which writes each page's first changed byte.
    // Their change history is the commit's: the same bytes, the same epoch.)
    if (!C.ordered())
      recordMasterWrites(PC.Page, PC.Written, Snapshot[I], C.seq(), C.epoch());
  }
  // All or nothing: a page that cannot be written refuses the whole commit.
  size_t Proved = provePages(Pages);
  if (Proved < Pages.size()) {
    const PageChange &PC = Pages[Proved];
    char Msg[96];
    std::snprintf(Msg, sizeof Msg, "cannot write %zu byte(s) in page 0x%llx of the master",
                  PC.Bytes, (unsigned long long)(PC.Page << DISTOMP_PAGE_SHIFT));
    return Msg;
  }
  for (size_t I = 0; I < Pages.size(); ++I) {
    const PageChange &PC = Pages[I];
    writeChange(reinterpret_cast<uint8_t *>(PC.Page << DISTOMP_PAGE_SHIFT), PC, /*Live=*/true);
    if (!C.ordered())
      raceRecordPage(C.seq(), C.epoch(), C.rank(), PC.Page, PC.Written, PC.WriterAt);
    History.record(C.seq(), C.epoch(), PC.Page, PC.Written);
    // The worker that wrote this reports it itself; the snapshot follows so
    // that the comparison finds only the master's own writes.
    if (Snapshot[I])
      writeChange(Snapshot[I], PC, /*Live=*/false);
  }
  CommitRecord &R = recordFor(C.seq(), C.rank());
  if (C.critical()) {
    R.Unrepeatable = true;
  } else {
    if (int64_t(C.ws()) > R.BarrierWs)
      R.BarrierPages.clear();
    R.BarrierWs = std::max<int64_t>(R.BarrierWs, C.ws());
    for (const PageChange &PC : Pages)
      R.BarrierPages.push_back(PC.Page);
  }
  stats().CommitsApplied += 1;
  return "";
}

/// A release larger than a frame arrives in pieces: each worker's pieces so
/// far, kept (checked) until its last, with which all are applied. A worker
/// lost in between leaves nothing applied. Under HomeLock.
auto &Staged = *new std::map<uint32_t, std::vector<zmq::message_t>>;

void applyCommit(const zmq::message_t &Id, zmq::message_t &Frame, const wire::Commit &C) {
  TraceSpan Span("apply a commit");
  std::vector<PageChange> Pages;
  std::string Error = checkCommit(C, Pages);
  std::lock_guard<std::mutex> G(HomeLock);
  if (refuseFenced(Id, C.rank()))
    return;
  std::vector<zmq::message_t> Earlier;
  Earlier.swap(Staged[C.rank()]);
  if (Error.empty() && C.more()) {
    Earlier.push_back(std::move(Frame));
    Staged[C.rank()].swap(Earlier);
  } else if (Error.empty()) {
    for (zmq::message_t &Piece : Earlier) {
      // Large frames own their bytes: the root is found again after the move.
      const wire::Commit &P = *wire::GetMessage(Piece.data())->body_as_Commit();
      std::vector<PageChange> PiecePages;
      Error = readCommit(P, PiecePages); // checked when it came
      if (Error.empty())
        Error = applyChecked(P, PiecePages);
      if (!Error.empty())
        break;
    }
    if (Error.empty())
      Error = applyChecked(C, Pages);
  }
  if (!Error.empty())
    logf(LogLevel::Error, "refused a commit from worker %u: %s", C.rank(), Error.c_str());
  FBB B;
  wire::finish(B, wire::CreateCommitAck(B, Error.empty() ? 0 : B.CreateString(Error)));
  reply(Id, B);
  // A barrier's or a lock release's commit: the arrival or release counts
  // once the coordinator hears this.
  // Not a refused one: the worker stops, and the others must not go on as
  // if its changes were in.
  if (C.notify() && Error.empty() && !C.more()) {
    FBB N;
    wire::finish(N, wire::CreateCommitApplied(N, C.rank(), C.notify()));
    sendMessage(coordinatorSocket(), N);
  }
}

void performAtomic(const zmq::message_t &Id, const wire::AtomicOp &Op) {
  TraceSpan Span("perform an atomic");
  std::string Error;
  uint64_t Old = 0, New = 0;
  uint32_t Size = Op.size();
  uintptr_t A = uintptr_t(Op.addr());
  uint64_t Probe;
  if (!atomicOpFits(Op.op(), Size) || (A & (Size - 1)))
    Error = "malformed atomic operation";
  else if (!inAnyRange(listMasterRanges(), A))
    Error = "an atomic outside the master's shared memory";
  else if (!copyFromSelf(&Probe, A, Size))
    Error = "no memory mapped there in the master";
  std::lock_guard<std::mutex> G(HomeLock);
  if (refuseFenced(Id, Op.rank()))
    return;
  if (Error.empty()) {
    Old = localAtomic(reinterpret_cast<void *>(A), Size, Op.op(), Op.value(), Op.expected());
    New = localAtomicLoad(reinterpret_cast<void *>(A), Size);
    // The snapshot follows, as for commits: a collection must not take the
    // worker's atomic for the master's write (a false race with a worker
    // that wrote the place before updating it).
    if (auto S = Snapshots.find(A >> DISTOMP_PAGE_SHIFT); S != Snapshots.end())
      std::memcpy(S->second.get() + (A & (PageSize - 1)), &New, Size);
    recordFor(Op.seq(), Op.rank()).Unrepeatable = true;
    ByteMask Changed{};
    addRun(Changed, uint32_t(A & (PageSize - 1)), Size);
    History.record(Op.seq(), ChangedNow, A >> DISTOMP_PAGE_SHIFT, Changed); // its epoch is not sent
  }
  FBB B;
  wire::finish(B, wire::CreateAtomicResult(B, Old, New, Error.empty() ? 0 : B.CreateString(Error)));
  reply(Id, B);
}

void serve() {
  for (;;) {
    if (!wire::pollIn(*Router, -1))
      continue; // a signal
    std::vector<zmq::message_t> Parts = wire::receiveParts(*Router);
    if (Parts.size() != 2) {
      logf(LogLevel::Warn, "home: dropped a message of %zu frame(s)", Parts.size());
      continue;
    }
    stats().BytesIn += Parts[1].size();
    std::string Why;
    const wire::Message *M = wire::decode(Parts[1].data(), Parts[1].size(), &Why);
    if (!M) {
      logf(LogLevel::Warn, "home: dropped a malformed message (%zu bytes): %s", Parts[1].size(),
           Why.c_str());
      continue;
    }
    switch (M->body_type()) {
    case wire::Body::PageRequest:
      servePages(Parts[0], *M->body_as_PageRequest());
      break;
    case wire::Body::Commit:
      applyCommit(Parts[0], Parts[1], *M->body_as_Commit());
      break;
    case wire::Body::AtomicOp:
      performAtomic(Parts[0], *M->body_as_AtomicOp());
      break;
    default:
      logf(LogLevel::Warn, "home: dropped an unexpected %s message",
           wire::EnumNameBody(M->body_type()));
    }
  }
}

} // namespace

std::string startHome(const std::string &Bind, const std::string &Host) {
  Router = new zmq::socket_t(context(), zmq::socket_type::router);
  wire::configureSocket(*Router);
  try {
    Router->bind(Bind);
  } catch (const zmq::error_t &E) {
    fatal("the master cannot listen for workers on %s: %s", Bind.c_str(), E.what());
  }
  std::string Ep = Router->get(zmq::sockopt::last_endpoint);
  // tcp://0.0.0.0:PORT -> tcp://HOST:PORT
  auto Colon = Ep.rfind(':');
  std::string Advertised = "tcp://" + Host + Ep.substr(Colon);
  startServiceThread("home", serve).detach();
  return Advertised;
}

std::vector<uint64_t> homeCollectDirty(MasterWrites Where) {
  TraceSpan Span("find the master's writes");
  {
    std::lock_guard<std::mutex> G(HomeLock);
    if (Snapshots.empty())
      return {}; // no worker holds a page
  }
  std::vector<AddressRange> Ranges = listMasterRanges();
  std::vector<uint64_t> Dirty;
  std::lock_guard<std::mutex> G(HomeLock);
  // Only pages that may have been written since the last collection are
  // compared (home/written_pages.h; all of them where the kernel cannot say).
  if (SnapshotsAdded) {
    SortedSnapshots.clear();
    SortedSnapshots.reserve(Snapshots.size());
    for (const auto &Entry : Snapshots)
      SortedSnapshots.push_back(Entry.first);
    std::sort(SortedSnapshots.begin(), SortedSnapshots.end());
    SnapshotsAdded = false;
  }
  std::vector<uint64_t> Watched; // the pages to look at, taken: some may go
  Watched.swap(SortedSnapshots);
  std::vector<uint64_t> Maybe = pagesMaybeChanged(Watched, Ranges);
  auto NextMaybe = Maybe.begin(); // both sorted
  for (uint64_t P : Watched) {
    uint8_t *Page = pageAddr(P);
    while (NextMaybe != Maybe.end() && *NextMaybe < P)
      ++NextMaybe;
    bool MayDiffer = NextMaybe != Maybe.end() && *NextMaybe == P;
    if (!inSortedRanges(Ranges, uintptr_t(Page))) {
      Dirty.push_back(P); // gone from the master: no copy may stay
      // Memory mapped there again is watched from its first write.
      if (isArmed(uintptr_t(Page)))
        *shadowFor(Page) = DISTOMP_PAGE_READONLY;
      Snapshots.erase(P);
      continue;
    }
    SortedSnapshots.push_back(P); // still watched, in order
    if (!MayDiffer)
      continue;
    uint8_t *Snap = Snapshots.find(P)->second.get();
    if (std::memcmp(Page, Snap, PageSize) != 0) {
      Dirty.push_back(P);
      if (Where.Seq) { // the master's writes of an epoch: when they changed, and races
        ByteMask Master = differingBytes(Page, Snap);
        History.record(Where.Seq, Where.Epoch, P, Master);
        if (Where.Check)
          raceRecordPage(Where.Seq, Where.Epoch, 0, P, Master, /*WriterAt=*/0);
      }
      std::memcpy(Snap, Page, PageSize);
    }
  }
  return Dirty;
}

void homeWatchPages(const std::vector<uint64_t> &Pages) {
  std::lock_guard<std::mutex> G(HomeLock);
  uint8_t Copy[PageSize];
  for (uint64_t Page : Pages)
    if (!Snapshots.count(Page) && copyFromSelf(Copy, uintptr_t(pageAddr(Page)), PageSize))
      keepSnapshot(Page, Copy);
}

void homeArmMasterRanges(const std::vector<AddressRange> &Ranges) {
  std::vector<AddressRange> Armed = armMasterRanges(Ranges);
  if (Armed.empty())
    return;
  std::lock_guard<std::mutex> G(HomeLock);
  for (const auto &[Page, Snap] : Snapshots)
    if (inAnyRange(Armed, uintptr_t(pageAddr(Page))))
      disarm(Page);
}

void homeMasterFirstWrite(void *Addr, size_t Size) {
  uint64_t First = reinterpret_cast<uintptr_t>(Addr) >> DISTOMP_PAGE_SHIFT;
  uint64_t Last = (reinterpret_cast<uintptr_t>(Addr) + Size - 1) >> DISTOMP_PAGE_SHIFT;
  std::lock_guard<std::mutex> G(HomeLock);
  for (uint64_t Page = First; Page <= Last; ++Page) {
    if (pageState(pageAddr(Page)) == DISTOMP_PAGE_WRITABLE)
      continue; // another thread of the master was first
    if (FirstWriteSnapshots == MaxFirstWriteSnapshots) {
      disarm(Page);
      continue;
    }
    if (!Snapshots.count(Page) && ++FirstWriteSnapshots == MaxFirstWriteSnapshots)
      logf(LogLevel::Info, "race detection: %zu MiB of the master's pages are watched; its "
                           "first writes to others are not",
           MaxFirstWriteSnapshots * PageSize >> 20);
    keepSnapshot(Page, pageAddr(Page)); // the store that got here has not happened yet
  }
}

void homeFence(uint32_t Rank) {
  std::lock_guard<std::mutex> G(HomeLock);
  FencedRanks.insert(Rank);
  Staged.erase(Rank);
}

pid_t homeForkFrozen() {
  std::lock_guard<std::mutex> G(HomeLock);
  return _Fork();
}

uint32_t homeLatestChange(uint64_t Seq, uintptr_t Addr, size_t Size) {
  uint32_t Latest = History.seq() == Seq ? History.latest(Addr, Size) : 0;
  // The master's writes since its last collection differ from the snapshot:
  // changed now. (Nothing is allocated: the child may not, as another
  // thread may have held the allocator's lock when it was forked.)
  for (uintptr_t At = Addr, End = Addr + Size; At < End && Latest != ChangedNow;) {
    uintptr_t PageEnd = std::min<uintptr_t>(End, (At | (PageSize - 1)) + 1);
    auto S = Snapshots.find(At >> DISTOMP_PAGE_SHIFT);
    if (S != Snapshots.end() &&
        std::memcmp(reinterpret_cast<const void *>(At), S->second.get() + (At & (PageSize - 1)),
                    PageEnd - At) != 0)
      Latest = ChangedNow;
    At = PageEnd;
  }
  return Latest;
}

CommitRecord homeCommitRecord(uint64_t Seq, uint32_t Rank) {
  std::lock_guard<std::mutex> G(HomeLock);
  auto It = Records.find({Seq, Rank});
  return It == Records.end() ? CommitRecord() : It->second;
}

} // namespace distomp::rt
