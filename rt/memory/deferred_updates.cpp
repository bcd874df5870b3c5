//===- deferred_updates.cpp - A worker's atomic updates, combined ---------===//
#include "memory/deferred_updates.h"
#include "memory/atomics.h"
#include "memory/page_cache.h"
#include "process/stats.h"
#include "team/team.h"

#include "distomp/abi.h"

#include <cstdint>
#include <map>
#include <mutex>

namespace distomp::rt {
namespace {

/// Each place's kept updates, combined into one operation (SUB is kept as
/// ADD of the negation), by address, with the region run and thread of the
/// first; under the page cache's lock, which also guards the pages' states
/// the updates depend on.
auto &Updates = *new std::map<uintptr_t, HomeAtomicOp>;

/// Past this many places the updates are performed at once.
constexpr size_t MaxKept = 4096;

uint64_t sizeMask(uint32_t Size) { return Size == 8 ? ~0ull : (1ull << (8 * Size)) - 1; }

int64_t signedValue(uint64_t V, uint32_t Size) {
  unsigned Shift = 64 - 8 * Size;
  return int64_t(V << Shift) >> Shift;
}

} // namespace

uint64_t combineUpdate(uint64_t Old, uint64_t V, uint32_t Op, uint32_t Size) {
  Old &= sizeMask(Size);
  switch (Op) {
  case DISTOMP_RMW_ADD:
    return (Old + V) & sizeMask(Size);
  case DISTOMP_RMW_AND:
    return Old & V;
  case DISTOMP_RMW_OR:
    return Old | V;
  case DISTOMP_RMW_XOR:
    return Old ^ V;
  case DISTOMP_RMW_MAX:
    return signedValue(V, Size) > signedValue(Old, Size) ? V : Old;
  case DISTOMP_RMW_MIN:
    return signedValue(V, Size) < signedValue(Old, Size) ? V : Old;
  case DISTOMP_RMW_UMAX:
    return V > Old ? V : Old;
  case DISTOMP_RMW_UMIN:
    return V < Old ? V : Old;
  }
  return V;
}

namespace {

bool combinable(uint32_t Op) {
  switch (Op) {
  case DISTOMP_RMW_ADD:
  case DISTOMP_RMW_SUB:
  case DISTOMP_RMW_AND:
  case DISTOMP_RMW_OR:
  case DISTOMP_RMW_XOR:
  case DISTOMP_RMW_MAX:
  case DISTOMP_RMW_MIN:
  case DISTOMP_RMW_UMAX:
  case DISTOMP_RMW_UMIN:
    return true;
  }
  return false;
}

/// Whether a kept update other than one at exactly [A, A+Size) touches its
/// bytes (narrower and wider atomics on one place do not combine).
bool overlapsAnother(uintptr_t A, uint32_t Size) {
  auto Next = Updates.lower_bound(A);
  if (Next != Updates.end() && Next->first < A + Size &&
      (Next->first != A || Next->second.Size != Size))
    return true;
  if (Next != Updates.begin()) {
    auto Prev = std::prev(Next);
    if (Prev->first + Prev->second.Size > A)
      return true;
  }
  return false;
}

/// Performs and forgets the kept updates of places in [Lo, Hi) (every one
/// by default). Caller holds the cache's lock.
void flushLocked(uintptr_t Lo = 0, uintptr_t Hi = UINTPTR_MAX) {
  // An update starts at most 7 bytes before Lo and still reaches it.
  auto First = Updates.lower_bound(Lo >= 7 ? Lo - 7 : 0), Last = First;
  std::vector<HomeAtomicOp> Ops;
  for (; Last != Updates.end() && Last->first < Hi; ++Last)
    if (Last->first + Last->second.Size > Lo)
      Ops.push_back(Last->second);
  if (Ops.empty())
    return;
  for (const HomeAtomicOp &O : Ops)
    Updates.erase(reinterpret_cast<uintptr_t>(O.Addr));
  stats().UpdatesPerformed += Ops.size();
  homeAtomics(Ops);
}

} // namespace

bool deferUpdate(void *Addr, uint64_t Value, uint32_t Op, uint32_t Size) {
  if (!combinable(Op) || (Size != 1 && Size != 2 && Size != 4 && Size != 8))
    return false;
  uintptr_t A = reinterpret_cast<uintptr_t>(Addr);
  std::lock_guard<std::recursive_mutex> G(cacheLock());
  Value &= sizeMask(Size);
  if (Op == DISTOMP_RMW_SUB) {
    Op = DISTOMP_RMW_ADD;
    Value = (~Value + 1) & sizeMask(Size);
  }
  // Earlier updates of these bytes with another width or operation come
  // first, performed before this one is applied anywhere.
  auto Same = Updates.find(A);
  if (Updates.size() >= MaxKept)
    flushLocked();
  else if (overlapsAnother(A, Size) || (Same != Updates.end() && Same->second.Op != Op))
    flushLocked(A, A + Size);
  cachePrepareUpdate(Addr, Size, Op, Value);
  const TeamState &T = team();
  auto [It, New] = Updates.try_emplace(A, HomeAtomicOp{Addr, Size, Op, Value, T.Seq, T.Tid, T.Ws});
  if (!New)
    It->second.Value = combineUpdate(It->second.Value, Value, Op, Size);
  ++stats().UpdatesKept;
  return true;
}

void flushUpdates() {
  std::lock_guard<std::recursive_mutex> G(cacheLock());
  flushLocked();
}

void flushUpdatesAt(const void *Addr, uint32_t Size) {
  std::lock_guard<std::recursive_mutex> G(cacheLock());
  uintptr_t A = reinterpret_cast<uintptr_t>(Addr);
  flushLocked(A, A + Size);
}

void flushUpdatesOnPages(uint64_t FirstPage, uint64_t LastPage) {
  if (!Updates.empty())
    flushLocked(uintptr_t(FirstPage << DISTOMP_PAGE_SHIFT),
                uintptr_t((LastPage + 1) << DISTOMP_PAGE_SHIFT));
}

} // namespace distomp::rt
