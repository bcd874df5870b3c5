//===- race_detector.cpp - Write/write races, found at the home -----------===//
#include "race_detector.h"
#include "symbols.h"
#include "team.h"

#include "distomp/abi.h"
#include "log.h"

#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace distomp::rt {
namespace {

constexpr uint32_t PageSize = DISTOMP_PAGE_SIZE;
constexpr size_t MaxRunsPerPage = 64; // beyond: one owner byte per byte
constexpr unsigned MaxReports = 20;

struct Run {
  uint16_t Offset;
  uint16_t Len; // 1 .. PageSize (PageSize fits: 4096 < 65536)
  uint32_t Rank;
};

/// What one page had written in the current epoch.
struct PageWrites {
  std::vector<Run> Runs;
  std::unique_ptr<uint8_t[]> Owner; // rank + 1 per byte, once runs overflow
  std::vector<std::pair<uint32_t, uint64_t>> WriterAt; // per rank: its first known writer

  uint64_t writerOf(uint32_t Rank) const {
    for (const auto &[R, At] : WriterAt)
      if (R == Rank)
        return At;
    return 0;
  }
  void noteWriter(uint32_t Rank, uint64_t At) {
    if (At && !writerOf(Rank))
      WriterAt.emplace_back(Rank, At);
  }
};

std::mutex Lock;
std::pair<uint64_t, uint32_t> Epoch{0, 0};
auto &Pages = *new std::unordered_map<uint64_t, PageWrites>;
unsigned Reported = 0;

auto &ReportedSymbols = *new std::set<std::string>; // this epoch's

/// " (process 2 wrote it at f.c:12 in g)" for each process whose writer is known.
std::string writers(const PageWrites &P, uint32_t A, uint32_t B) {
  std::string Out;
  for (uint32_t Rank : {std::min(A, B), std::max(A, B)}) {
    uint64_t At = P.writerOf(Rank);
    if (!At)
      continue;
    Out += Out.empty() ? "; " : ", ";
    Out += "process " + std::to_string(Rank) + " at " + describeCode(At);
  }
  return Out;
}

void report(const PageWrites &P, uint64_t Seq, uint32_t EpochNo, uint64_t Addr, uint32_t Len,
            uint32_t A, uint32_t B) {
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
  std::string What = describeAddress(uintptr_t(Addr));
  std::string Region = describeRunningRegion(Seq);
  logf(LogLevel::Warn,
       "write/write race on %s (%u byte%s) in %s: processes %u and %u both wrote it after "
       "barrier %u with no barrier or lock between them%s; one of the values is kept",
       What.c_str(), Len, Len == 1 ? "" : "s", Region.c_str(), std::min(A, B), std::max(A, B),
       EpochNo, writers(P, A, B).c_str());
}

void toOwnerBytes(PageWrites &P) {
  P.Owner = std::make_unique<uint8_t[]>(PageSize);
  for (const Run &R : P.Runs)
    for (uint32_t I = 0; I < R.Len; ++I)
      P.Owner[R.Offset + I] = uint8_t(std::min<uint32_t>(R.Rank + 1, 255));
  P.Runs.clear();
  P.Runs.shrink_to_fit();
}

} // namespace

void raceRecordWrite(uint64_t Seq, uint32_t EpochNo, uint32_t Rank, uint64_t Addr, uint32_t Len,
                     uint64_t WriterAt) {
  uint32_t Off = uint32_t(Addr & (PageSize - 1));
  if (Len == 0 || Off + Len > PageSize)
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
  PageWrites &P = Pages[Addr / PageSize];
  P.noteWriter(Rank, WriterAt);
  uint64_t PageBase = Addr - Off;
  if (P.Owner) {
    uint8_t Me = uint8_t(std::min<uint32_t>(Rank + 1, 255));
    for (uint32_t I = Off; I < Off + Len;) {
      uint8_t Other = P.Owner[I];
      if (Other && Other != Me) {
        uint32_t J = I;
        while (J < Off + Len && P.Owner[J] == Other)
          ++J;
        report(P, Seq, EpochNo, PageBase + I, J - I, Rank, Other - 1u);
        I = J;
      } else {
        ++I;
      }
    }
    for (uint32_t I = Off; I < Off + Len; ++I)
      P.Owner[I] = Me;
    return;
  }
  for (const Run &R : P.Runs) {
    uint32_t Lo = std::max<uint32_t>(R.Offset, Off), Hi = std::min<uint32_t>(R.Offset + R.Len, Off + Len);
    if (R.Rank != Rank && Lo < Hi)
      report(P, Seq, EpochNo, PageBase + Lo, Hi - Lo, Rank, R.Rank);
  }
  if (!P.Runs.empty() && P.Runs.back().Rank == Rank &&
      P.Runs.back().Offset + P.Runs.back().Len == Off) {
    P.Runs.back().Len = uint16_t(P.Runs.back().Len + Len);
    return;
  }
  P.Runs.push_back({uint16_t(Off), uint16_t(Len), Rank});
  if (P.Runs.size() > MaxRunsPerPage)
    toOwnerBytes(P);
}

} // namespace distomp::rt
