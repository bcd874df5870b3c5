//===- change_history.cpp - When shared bytes last changed in a region ----===//
#include "home/change_history.h"

#include <algorithm>

namespace distomp::rt {

void ChangeHistory::Line::record(uint32_t Mark, uint64_t Changed) {
  Ever |= Changed;
  for (uint64_t &B : Bytes)
    B &= ~Changed; // those bytes' last change is this one
  for (unsigned I = 0; I < Groups; ++I)
    if (Marks[I] == Mark && Bytes[I]) {
      Bytes[I] |= Changed;
      return;
    }
  unsigned Slot = 0; // an empty group, else the oldest, which joins the rest
  for (unsigned I = 0; I < Groups; ++I) {
    if (!Bytes[I]) {
      Slot = I;
      break;
    }
    if (Marks[I] < Marks[Slot])
      Slot = I;
  }
  if (Bytes[Slot])
    Older = std::max(Older, Marks[Slot]);
  Bytes[Slot] = Changed;
  Marks[Slot] = Mark;
}

uint32_t ChangeHistory::Line::latest(uint64_t Read) const {
  uint32_t Latest = 0;
  uint64_t InGroups = 0;
  for (unsigned I = 0; I < Groups; ++I) {
    InGroups |= Bytes[I];
    if (Read & Bytes[I])
      Latest = std::max(Latest, Marks[I]);
  }
  if (Read & Ever & ~InGroups)
    Latest = std::max(Latest, Older);
  return Latest;
}

void ChangeHistory::record(uint64_t RunSeq, uint32_t Epoch, uint64_t Page,
                           const ByteMask &Changed) {
  // Serial code's writes come before every epoch of the next run; a run
  // older than the one kept is over.
  if (RunSeq == 0 || RunSeq < Seq || isEmpty(Changed))
    return;
  if (RunSeq != Seq) {
    Seq = RunSeq;
    Pages.clear();
    Coarse.clear();
  }
  uint32_t Mark = Epoch == ChangedNow ? ChangedNow : Epoch + 1;
  auto It = Pages.find(Page);
  if (It == Pages.end()) {
    if (Pages.size() == MaxExactPages) {
      uint32_t &C = Coarse[Page];
      C = std::max(C, Mark);
      return;
    }
    It = Pages.try_emplace(Page).first;
  }
  for (uint32_t W = 0; W < MaskWords; ++W)
    if (Changed[W])
      It->second[W].record(Mark, Changed[W]);
}

uint32_t ChangeHistory::latest(uintptr_t Addr, size_t Size) const {
  uint32_t Latest = 0;
  for (uintptr_t At = Addr, End = Addr + Size; At < End;) {
    uint64_t Page = At >> DISTOMP_PAGE_SHIFT;
    uintptr_t PageEnd = std::min<uintptr_t>(End, (Page + 1) << DISTOMP_PAGE_SHIFT);
    if (auto C = Coarse.find(Page); C != Coarse.end())
      Latest = std::max(Latest, C->second);
    auto It = Pages.find(Page);
    for (; It != Pages.end() && At < PageEnd;) {
      uintptr_t LineEnd = std::min<uintptr_t>(PageEnd, (At | 63) + 1);
      uint32_t Lo = uint32_t(At & 63), N = uint32_t(LineEnd - At);
      uint64_t Bytes = N == 64 ? ~0ull : ((1ull << N) - 1) << Lo;
      Latest = std::max(Latest, It->second[(At >> 6) & (MaskWords - 1)].latest(Bytes));
      At = LineEnd;
    }
    At = PageEnd;
  }
  return Latest;
}

} // namespace distomp::rt
