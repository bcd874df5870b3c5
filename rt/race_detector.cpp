//===- race_detector.cpp - Write/write races, found at the home -----------===//
#include "race_detector.h"
#include "symbols.h"
#include "team.h"

#include "distomp/abi.h"
#include "log.h"

#include <array>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace distomp::rt {
namespace {

constexpr uint32_t PageSize = DISTOMP_PAGE_SIZE;
constexpr unsigned MaxReports = 20;

/// One bit per byte of a page.
using ByteMask = std::array<uint64_t, PageSize / 64>;

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

/// The bits of word W that fall in [Lo, Hi) (byte offsets in the page).
uint64_t wordBits(uint32_t W, uint32_t Lo, uint32_t Hi) {
  uint32_t First = std::max(Lo, W * 64), End = std::min(Hi, W * 64 + 64);
  if (First >= End)
    return 0;
  uint64_t Span = End - First == 64 ? ~0ull : ((1ull << (End - First)) - 1);
  return Span << (First - W * 64);
}

bool testBit(const ByteMask &M, uint32_t I) { return M[I / 64] >> (I % 64) & 1; }

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

/// Reports the bytes of [Lo, Hi) that Other wrote too, as contiguous ranges.
void reportOverlaps(uint64_t Seq, uint32_t EpochNo, uint64_t PageBase, uint32_t Lo, uint32_t Hi,
                    const Writer &Me, const Writer &Other) {
  for (uint32_t W = Lo / 64; W * 64 < Hi; ++W) {
    if (!(Other.Bytes[W] & wordBits(W, Lo, Hi)))
      continue;
    for (uint32_t I = std::max(Lo, W * 64); I < Hi && I < W * 64 + 64;) {
      if (!testBit(Other.Bytes, I)) {
        ++I;
        continue;
      }
      uint32_t J = I;
      while (J < Hi && testBit(Other.Bytes, J))
        ++J;
      report(Seq, EpochNo, PageBase + I, J - I, Me, Other);
      I = J;
    }
  }
}

} // namespace

void raceRecordPage(uint64_t Seq, uint32_t EpochNo, uint32_t Rank, uint64_t Page,
                    const WrittenRun *Runs, size_t Count, uint64_t WriterAt) {
  if (Count == 0)
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
  for (size_t R = 0; R < Count; ++R) {
    uint32_t Lo = Runs[R].Offset, Hi = Lo + Runs[R].Len;
    if (Runs[R].Len == 0 || Hi > PageSize)
      continue;
    for (auto &Other : P)
      if (Other.get() != Me)
        reportOverlaps(Seq, EpochNo, PageBase, Lo, Hi, *Me, *Other);
    for (uint32_t W = Lo / 64; W * 64 < Hi; ++W)
      Me->Bytes[W] |= wordBits(W, Lo, Hi);
  }
}

} // namespace distomp::rt
