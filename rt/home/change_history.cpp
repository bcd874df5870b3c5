//===- change_history.cpp - When shared bytes last changed in a region ----===//
#include "home/change_history.h"

#include <algorithm>

namespace distomp::rt {

void ChangeHistory::recordLine(Line &L, uint32_t Mark, uint64_t Bytes) {
  if (L.Mixed) {
    PerByte &E = Mixed[L.Mixed - 1];
    for (uint64_t B = Bytes; B; B &= B - 1)
      E[__builtin_ctzll(B)] = std::max(E[__builtin_ctzll(B)], Mark);
    return;
  }
  if (Mark == L.Last) {
    L.LastBytes |= Bytes;
    return;
  }
  if (Mark > L.Last && !(L.LastBytes & ~Bytes)) { // every changed byte changes again
    L.Last = Mark;
    L.LastBytes = Bytes;
    return;
  }
  // Its bytes now last changed at different times: one epoch per byte.
  PerByte E{};
  for (uint64_t B = L.LastBytes; B; B &= B - 1)
    E[__builtin_ctzll(B)] = L.Last;
  Mixed.push_back(E);
  L.Mixed = uint32_t(Mixed.size());
  recordLine(L, Mark, Bytes);
}

uint32_t ChangeHistory::latestOf(const Line &L, uint64_t Bytes) const {
  if (!L.Mixed)
    return (Bytes & L.LastBytes) ? L.Last : 0;
  const PerByte &E = Mixed[L.Mixed - 1];
  uint32_t Latest = 0;
  for (uint64_t B = Bytes; B; B &= B - 1)
    Latest = std::max(Latest, E[__builtin_ctzll(B)]);
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
    Mixed.clear();
  }
  uint32_t Mark = Epoch == ChangedNow ? ChangedNow : Epoch + 1;
  auto &Lines = Pages.try_emplace(Page).first->second;
  for (uint32_t W = 0; W < MaskWords; ++W)
    if (Changed[W])
      recordLine(Lines[W], Mark, Changed[W]);
}

uint32_t ChangeHistory::latest(uintptr_t Addr, size_t Size) const {
  uint32_t Latest = 0;
  for (uintptr_t At = Addr, End = Addr + Size; At < End;) {
    uint64_t Page = At >> DISTOMP_PAGE_SHIFT;
    uintptr_t PageEnd = std::min<uintptr_t>(End, (Page + 1) << DISTOMP_PAGE_SHIFT);
    auto It = Pages.find(Page);
    for (; It != Pages.end() && At < PageEnd;) {
      uintptr_t LineEnd = std::min<uintptr_t>(PageEnd, (At | 63) + 1);
      uint32_t Lo = uint32_t(At & 63), N = uint32_t(LineEnd - At);
      uint64_t Bytes = N == 64 ? ~0ull : ((1ull << N) - 1) << Lo;
      Latest = std::max(Latest, latestOf(It->second[(At >> 6) & (MaskWords - 1)], Bytes));
      At = LineEnd;
    }
    At = PageEnd;
  }
  return Latest;
}

} // namespace distomp::rt
