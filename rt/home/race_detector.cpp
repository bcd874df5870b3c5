//===- race_detector.cpp - Write/write races, found at the home -----------===//
#include "home/race_detector.h"
#include "home/symbols.h"
#include "team/team.h"

#include "distomp/abi.h"
#include "log.h"

#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace distomp::rt {
namespace {

constexpr unsigned MaxReports = 20;

/// What one process wrote in one page in the current epoch, and where its
/// first known write came from.
struct Writer {
  uint32_t Rank;
  uint64_t At; // codeOffset(), 0: unknown
  ByteMask Bytes{};
};

/// A page's writers this epoch; usually one.
using PageWrites = std::vector<std::unique_ptr<Writer>>;

std::mutex Lock;
std::pair<uint64_t, uint32_t> Epoch{0, 0};
auto &Pages = *new std::unordered_map<uint64_t, PageWrites>;
unsigned Reported = 0;

auto &ReportedSymbols = *new std::set<std::string>; // this epoch's

/// "; process 1 at f.c:12 in g, process 2 at ..." for each writer known.
std::string whereWritten(const Writer &A, const Writer &B) {
  std::string Out;
  for (const Writer *W : {&A, &B}) {
    if (!W->At)
      continue;
    Out += Out.empty() ? "; " : ", ";
    Out += "process " + std::to_string(W->Rank) + " at " + describeCode(W->At);
  }
  return Out;
}

void report(uint64_t Seq, uint32_t EpochNo, uint64_t Addr, uint32_t Len, const Writer &A,
            const Writer &B) {
  if (Reported > MaxReports)
    return;
  // One report per variable and epoch: a racy loop over an array would
  // otherwise name each element.
  std::string Symbol = symbolAt(uintptr_t(Addr));
  if (!Symbol.empty() && !ReportedSymbols.insert(Symbol).second)
    return;
  if (Reported++ == MaxReports) {
    logf(LogLevel::Warn, "further write/write races are not reported");
    return;
  }
  const Writer &Low = A.Rank < B.Rank ? A : B, &High = A.Rank < B.Rank ? B : A;
  std::string What = describeAddress(uintptr_t(Addr));
  std::string Region = describeRunningRegion(Seq);
  logf(LogLevel::Warn,
       "write/write race on %s (%u byte%s) in %s: processes %u and %u both wrote it after "
       "barrier %u with no barrier or lock between them%s; one of the values is kept",
       What.c_str(), Len, Len == 1 ? "" : "s", Region.c_str(), Low.Rank, High.Rank, EpochNo,
       whereWritten(Low, High).c_str());
}

} // namespace

void raceRecordPage(uint64_t Seq, uint32_t EpochNo, uint32_t Rank, uint64_t Page,
                    const ByteMask &Written, uint64_t WriterAt) {
  if (isEmpty(Written))
    return;
  std::lock_guard<std::mutex> G(Lock);
  std::pair<uint64_t, uint32_t> Key{Seq, EpochNo};
  if (Key < Epoch)
    return; // cannot happen: every commit of an epoch precedes the next one's
  if (Key > Epoch) {
    Epoch = Key;
    Pages.clear();
    ReportedSymbols.clear();
  }
  PageWrites &P = Pages[Page];
  Writer *Me = nullptr;
  for (auto &W : P)
    if (W->Rank == Rank)
      Me = W.get();
  if (!Me) {
    P.push_back(std::make_unique<Writer>(Writer{Rank, WriterAt}));
    Me = P.back().get();
  }
  if (!Me->At)
    Me->At = WriterAt;
  uint64_t PageBase = Page << DISTOMP_PAGE_SHIFT;
  for (auto &Other : P) {
    if (Other.get() == Me)
      continue;
    ByteMask Both;
    for (uint32_t W = 0; W < MaskWords; ++W)
      Both[W] = Written[W] & Other->Bytes[W];
    forEachRun(Both, [&](uint32_t Offset, uint32_t Len) {
      report(Seq, EpochNo, PageBase + Offset, Len, *Me, *Other);
    });
  }
  for (uint32_t W = 0; W < MaskWords; ++W)
    Me->Bytes[W] |= Written[W];
}

} // namespace distomp::rt
