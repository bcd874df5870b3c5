//===- access.cpp - Miss paths of the inline access checks ----------------===//
//
// The pass inlines the fast path (one shadow byte per access); everything
// else is here, out of line, as in compiler-rt's sanitizer runtimes.
//
// In the master every page is home and loadable: its table is zero but for
// pages armed for its first writes (READONLY until one store reaches
// homeMasterFirstWrite, for race detection). Reaching any other miss path
// there means the table and the program disagree, which is reported, never
// ignored. In a worker a miss fetches the page or makes it writable
// (page_cache.h).
//
//===----------------------------------------------------------------------===//
#include "home/home.h"
#include "process/diag.h"
#include "memory/page_cache.h"
#include "memory/shadow.h"
#include "team/replay_probe.h"
#include "team/team.h"

#include "distomp/abi.h"

namespace distomp::rt {
namespace {

[[noreturn]] void unexpectedMiss(const void *Addr, size_t Size, bool IsWrite) {
  fatal("%s of %zu byte(s) at %p found page state %u, but every page is home in the master",
        IsWrite ? "store" : "load", Size, Addr, unsigned(pageState(Addr)));
}

/// Visits the state of every page of [Addr, Addr+Size); calls Miss on each
/// page whose state the access does not allow.
template <typename MissFn>
void forEachPageNeeding(const void *Addr, size_t Size, uint8_t Allowed, MissFn Miss) {
  if (Size == 0)
    return;
  uintptr_t First = reinterpret_cast<uintptr_t>(Addr) >> DISTOMP_PAGE_SHIFT;
  uintptr_t Last = (reinterpret_cast<uintptr_t>(Addr) + Size - 1) >> DISTOMP_PAGE_SHIFT;
  for (uintptr_t P = First; P <= Last; ++P)
    if (*reinterpret_cast<const uint8_t *>(P + DISTOMP_SHADOW_OFFSET) > Allowed)
      Miss(reinterpret_cast<const void *>(P << DISTOMP_PAGE_SHIFT));
}

/// The instruction that called into the runtime: a return address points
/// just past its call.
#define DISTOMP_CALLER_PC (reinterpret_cast<uintptr_t>(__builtin_return_address(0)) - 1)

void storeMiss(void *Addr, size_t Size, uintptr_t WriterPC) {
  if (probing())
    probeStore(Addr, WriterPC);
  if (isWorkerProcess())
    return cacheStore(Addr, Size, WriterPC);
  forEachPageNeeding(Addr, Size, DISTOMP_PAGE_READONLY,
                     [&](const void *) { unexpectedMiss(Addr, Size, true); });
  homeMasterFirstWrite(Addr, Size);
}

} // namespace
} // namespace distomp::rt

using namespace distomp::rt;

extern "C" {

void __distomp_load_miss(const void *Addr, size_t Size) {
  if (probing())
    return probeLoad(Addr, Size, DISTOMP_CALLER_PC);
  if (!isWorkerProcess())
    unexpectedMiss(Addr, Size, false);
  cacheLoad(Addr, Size);
}

void __distomp_store_miss(void *Addr, size_t Size) { storeMiss(Addr, Size, DISTOMP_CALLER_PC); }

void __distomp_load_range(const void *Addr, size_t Size) {
  if (probing())
    return probeLoad(Addr, Size, DISTOMP_CALLER_PC);
  forEachPageNeeding(Addr, Size, DISTOMP_PAGE_READONLY,
                     [&](const void *) { __distomp_load_miss(Addr, Size); });
}

void __distomp_store_range(void *Addr, size_t Size) {
  uintptr_t Writer = DISTOMP_CALLER_PC;
  forEachPageNeeding(Addr, Size, DISTOMP_PAGE_WRITABLE,
                     [&](const void *) { storeMiss(Addr, Size, Writer); });
}

} // extern "C"
