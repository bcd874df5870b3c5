//===- schedule.h - OpenMP loop schedules over iteration numbers -*- C++ -*-===//
//
// The coordinator and the runtime agree on loops by numbering iterations
// 0 .. trip-1; each side maps numbers to its own loop variable. This is the
// arithmetic of libomp's schedules (kmp_sched.cpp, kmp_dispatch.cpp) on those
// numbers, so a static schedule gives every thread the iterations OpenMP
// prescribes.
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_SCHEDULE_H
#define DISTOMP_SCHEDULE_H

#include <cstdint>
#include <string>

namespace distomp {

/// libomp's sched_type values (kmp.h) that clang emits.
enum SchedKind : int32_t {
  kSchedStaticChunked = 33,
  kSchedStatic = 34,
  kSchedDynamic = 35,
  kSchedGuided = 36,
  kSchedRuntime = 37,
  kSchedAuto = 38,
  kSchedTrapezoidal = 39,
  kSchedStaticGreedy = 40,
  kSchedStaticBalanced = 41,
  kSchedGuidedIterative = 42,
  kSchedGuidedAnalytical = 43,
  kSchedStaticSteal = 44,
  kSchedStaticBalancedChunked = 45,
  kSchedOrderedOffset = 32,     // ordered variants are 65..76
  kSchedMonotonic = 1 << 29,    // modifier bits, or-ed into the kind
  kSchedNonmonotonic = 1 << 30, // (clang sets it for dynamic and guided by default)
};

/// The schedule a loop's sched argument asks for, without the monotonic and
/// nonmonotonic modifier bits and the ordered offset. Runtime and auto are
/// left for the caller to resolve.
enum class Schedule { Static, StaticChunked, Dynamic, Guided, Runtime, Unknown };
Schedule classify(int32_t Sched);

/// Parses OMP_SCHEDULE ("[modifier:]kind[,chunk]"). Returns false if it is
/// not one; Kind and Chunk are then left alone.
bool parseOmpSchedule(const std::string &Text, int32_t &Kind, int64_t &Chunk);

/// The same from omp_get_schedule's answer (omp_sched_t, with or without
/// the monotonic bit, and its chunk). False for a kind it does not know.
bool fromOmpSched(int32_t OmpKind, int32_t OmpChunk, int32_t &Kind, int64_t &Chunk);

struct IterationRange {
  bool Empty = true;
  uint64_t First = 0, Last = 0; ///< inclusive
  bool IsLast = false;          ///< holds iteration trip-1
};

/// Thread Tid's share of a static schedule without chunk (libomp's balanced
/// split).
IterationRange staticBalanced(uint64_t Trip, uint32_t Tid, uint32_t NThreads);

/// The K-th chunk (from 0) of thread Tid under static scheduling with Chunk.
IterationRange staticChunk(uint64_t Trip, uint64_t Chunk, uint32_t Tid, uint32_t NThreads,
                           uint64_t K);

/// Whether thread Tid runs iteration trip-1 under schedule(static, Chunk).
bool staticChunkedIsLast(uint64_t Trip, uint64_t Chunk, uint32_t Tid, uint32_t NThreads);

/// The size of the next guided chunk when Remaining iterations are left.
uint64_t guidedChunk(uint64_t Remaining, uint64_t MinChunk, uint32_t NThreads);

} // namespace distomp

#endif
