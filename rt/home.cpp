//===- home.cpp - The master as home of all shared memory -----------------===//
#include "home.h"
#include "address_space.h"
#include "atomics.h"
#include "diag.h"
#include "messaging.h"
#include "diff.h"
#include "race_detector.h"
#include "stats.h"
#include "threads.h"

#include "distomp/abi.h"
#include "log.h"

#include <cstdio>
#include <cstring>
#include <map>
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
auto &Records = *new std::map<std::pair<uint64_t, uint32_t>, CommitRecord>; // (seq, rank)
zmq::socket_t *Router = nullptr; // used by the home thread until the process ends

/// Copies between this process's memory and a buffer through the kernel, so
/// an address that is not mapped gives an error instead of a crash.
bool copyFromSelf(void *Dst, uintptr_t Src, size_t Size) {
  iovec Local{Dst, Size}, Remote{reinterpret_cast<void *>(Src), Size};
  return process_vm_readv(getpid(), &Local, 1, &Remote, 1, 0) == ssize_t(Size);
}
/// Writes the bytes at Src over Runs of the page at Base. The first run goes
/// through the kernel, which proves the page mapped and writable here (a
/// worker's bad address is an error, not a crash); the others are then
/// plain copies. One system call per page: a kernel copy per run cost about
/// 400 ns, and an Ising colour has thousands of one-byte runs.
bool copyRunsToPage(uint8_t *Base, const std::vector<WrittenRun> &Runs, const uint8_t *Src) {
  if (Runs.empty())
    return true;
  iovec Local{const_cast<uint8_t *>(Src), Runs[0].Len}, Remote{Base + Runs[0].Offset, Runs[0].Len};
  if (process_vm_writev(getpid(), &Local, 1, &Remote, 1, 0) != ssize_t(Runs[0].Len))
    return false;
  Src += Runs[0].Len;
  for (size_t I = 1; I < Runs.size(); ++I) {
    std::memcpy(Base + Runs[I].Offset, Src, Runs[I].Len);
    Src += Runs[I].Len;
  }
  return true;
}

/// Every answer the home sends, counted for DISTOMP_STATS.
void reply(const zmq::message_t &Id, const FBB &B) {
  stats().BytesOut += B.GetSize();
  ++stats().MessagesOut;
  wire::sendTo(*Router, Id, B);
}

void servePages(const zmq::message_t &Id, const wire::PageRequest &R) {
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
  for (uint32_t I = 0; I < Count; ++I) {
    auto &Snap = Snapshots[First + I];
    if (!Snap) {
      Snap = std::make_unique<uint8_t[]>(PageSize);
      std::memcpy(Snap.get(), Dst + size_t(I) * PageSize, PageSize);
    }
  }
  wire::finish(B, wire::CreatePageData(B, First, Data));
  stats().PagesServed += Count;
  reply(Id, B);
}

/// The master's own writes among Runs of page Page: where its memory differs
/// from the snapshot. Recorded for race detection as process 0's writes in
/// epoch Epoch of region run Seq.
void recordMasterWrites(uint64_t Page, const std::vector<WrittenRun> &Runs,
                        const uint8_t *Snapshot, uint64_t Seq, uint32_t Epoch) {
  const uint8_t *Memory = reinterpret_cast<const uint8_t *>(Page << DISTOMP_PAGE_SHIFT);
  DiffRuns Diff;
  for (const WrittenRun &R : Runs)
    if (std::memcmp(Memory + R.Offset, Snapshot + R.Offset, R.Len) != 0)
      diffPage(Memory + R.Offset, Snapshot + R.Offset, R.Len, R.Offset, Diff);
  std::vector<WrittenRun> Master;
  for (size_t I = 0; I < Diff.Addr.size(); ++I)
    Master.push_back({uint16_t(Diff.Addr[I]), uint16_t(Diff.Len[I])});
  raceRecordPage(Seq, Epoch, 0, Page, Master.data(), Master.size(), /*WriterAt=*/0);
}

/// Why a commit's layout is wrong, or "": one entry per page in page,
/// page_runs and writer_at (if any); the runs in the page, none empty; the
/// data exactly the runs' bytes.
std::string checkCommitLayout(const wire::Commit &C) {
  size_t Pages = C.page() ? C.page()->size() : 0;
  if ((C.page_runs() ? C.page_runs()->size() : 0) != Pages)
    return "pages and their run counts differ in number";
  if (C.writer_at() && C.writer_at()->size() && C.writer_at()->size() != Pages)
    return "pages and their writers differ in number";
  uint64_t RunCount = 0;
  for (size_t P = 0; P < Pages; ++P)
    RunCount += C.page_runs()->Get(P);
  if (RunCount != (C.runs() ? C.runs()->size() : 0))
    return "the run counts do not add up to the runs";
  uint64_t Total = 0;
  for (size_t I = 0; I < RunCount; ++I) {
    const wire::PageRun *R = C.runs()->Get(I);
    if (R->len() == 0 || uint32_t(R->offset()) + R->len() > PageSize)
      return "a run is empty or crosses its page";
    Total += R->len();
  }
  if (Total != (C.data() ? C.data()->size() : 0))
    return "the data is not the runs' bytes";
  return "";
}

void applyCommit(const zmq::message_t &Id, const wire::Commit &C) {
  std::string Error = checkCommitLayout(C);
  size_t Pages = Error.empty() && C.page() ? C.page()->size() : 0;
  bool HasWriters = C.writer_at() && C.writer_at()->size() == Pages;
  std::lock_guard<std::mutex> G(HomeLock);
  std::vector<WrittenRun> Written;
  size_t Run = 0, Off = 0;
  for (size_t P = 0; P < Pages; ++P) {
    uint64_t Page = C.page()->Get(P);
    uint8_t *Base = reinterpret_cast<uint8_t *>(Page << DISTOMP_PAGE_SHIFT);
    size_t End = Run + C.page_runs()->Get(P);
    Written.clear();
    size_t PageBytes = 0;
    for (size_t I = Run; I < End; ++I) {
      const wire::PageRun *R = C.runs()->Get(I);
      Written.push_back({R->offset(), R->len()});
      PageBytes += R->len();
    }
    auto S = Snapshots.find(Page);
    // The master's uncollected writes here are about to be overwritten by a
    // commit of the same epoch: they count as its writes of that epoch.
    if (!C.ordered() && S != Snapshots.end())
      recordMasterWrites(Page, Written, S->second.get(), C.seq(), C.epoch());
    const uint8_t *Bytes = C.data()->data() + Off;
    if (!copyRunsToPage(Base, Written, Bytes)) {
      char Msg[96];
      std::snprintf(Msg, sizeof Msg, "cannot write %zu byte(s) in page 0x%llx of the master",
                    PageBytes, (unsigned long long)(Page << DISTOMP_PAGE_SHIFT));
      Error = Msg;
      break;
    }
    if (!C.ordered())
      raceRecordPage(C.seq(), C.epoch(), C.rank(), Page, Written.data(), Written.size(),
                     HasWriters ? C.writer_at()->Get(P) : 0);
    // The worker that wrote this reports it itself; the snapshot follows so
    // that the comparison finds only the master's own writes.
    if (S != Snapshots.end())
      for (const WrittenRun &R : Written) {
        std::memcpy(S->second.get() + R.Offset, Bytes, R.Len);
        Bytes += R.Len;
      }
    Run = End;
    Off += PageBytes;
  }
  if (Error.empty()) {
    CommitRecord &R = Records[{C.seq(), C.rank()}];
    if (C.critical())
      R.Unrepeatable = true;
    else
      R.BarrierWs = std::max<int64_t>(R.BarrierWs, C.ws());
    stats().CommitsApplied += 1;
  } else {
    logf(LogLevel::Error, "refused a commit from worker %u: %s", C.rank(), Error.c_str());
  }
  FBB B;
  wire::finish(B, wire::CreateCommitAck(B, Error.empty() ? 0 : B.CreateString(Error)));
  reply(Id, B);
}

void performAtomic(const zmq::message_t &Id, const wire::AtomicOp &Op) {
  std::string Error;
  uint64_t Old = 0, New = 0;
  uint32_t Size = Op.size();
  uintptr_t A = uintptr_t(Op.addr());
  bool ValidOp = Op.op() < DISTOMP_RMW_NUM_OPS || Op.op() == kAtomicLoadOp ||
                 Op.op() == kAtomicStoreOp || Op.op() == kAtomicCmpxchgOp;
  uint64_t Probe;
  if (!ValidOp || !(Size == 1 || Size == 2 || Size == 4 || Size == 8) || (A & (Size - 1)))
    Error = "malformed atomic operation";
  else if (!copyFromSelf(&Probe, A, Size))
    Error = "no memory mapped there in the master";
  std::lock_guard<std::mutex> G(HomeLock);
  if (Error.empty()) {
    Old = localAtomic(reinterpret_cast<void *>(A), Size, Op.op(), Op.value(), Op.expected());
    New = localAtomicLoad(reinterpret_cast<void *>(A), Size);
    Records[{Op.seq(), Op.rank()}].Unrepeatable = true;
  }
  FBB B;
  wire::finish(B, wire::CreateAtomicResult(B, Old, New, Error.empty() ? 0 : B.CreateString(Error)));
  reply(Id, B);
}

void serve() {
  for (;;) {
    if (!wire::pollIn(*Router, -1))
      continue; // a signal
    std::vector<zmq::message_t> Parts;
    for (;;) {
      zmq::message_t Part;
      if (!Router->recv(Part, zmq::recv_flags::dontwait))
        break;
      bool More = Part.more();
      Parts.push_back(std::move(Part));
      if (!More)
        break;
    }
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
      applyCommit(Parts[0], *M->body_as_Commit());
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
  {
    std::lock_guard<std::mutex> G(HomeLock);
    if (Snapshots.empty())
      return {}; // no worker holds a page
  }
  std::vector<AddressRange> Ranges = listMasterRanges();
  auto Mapped = [&](uintptr_t A) {
    for (const AddressRange &R : Ranges)
      if (R.contains(A))
        return true;
    return false;
  };
  std::vector<uint64_t> Dirty;
  std::lock_guard<std::mutex> G(HomeLock);
  for (auto It = Snapshots.begin(); It != Snapshots.end();) {
    uint8_t *Page = reinterpret_cast<uint8_t *>(It->first << DISTOMP_PAGE_SHIFT);
    if (!Mapped(uintptr_t(Page))) {
      Dirty.push_back(It->first); // gone from the master: no copy may stay
      It = Snapshots.erase(It);
      continue;
    }
    if (std::memcmp(Page, It->second.get(), PageSize) != 0) {
      Dirty.push_back(It->first);
      if (Where.Check)
        recordMasterWrites(It->first, {{0, uint16_t(PageSize)}}, It->second.get(), Where.Seq,
                           Where.Epoch);
      std::memcpy(It->second.get(), Page, PageSize);
    }
    ++It;
  }
  return Dirty;
}

CommitRecord homeCommitRecord(uint64_t Seq, uint32_t Rank) {
  std::lock_guard<std::mutex> G(HomeLock);
  auto It = Records.find({Seq, Rank});
  return It == Records.end() ? CommitRecord() : It->second;
}

} // namespace distomp::rt
