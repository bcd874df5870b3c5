//===- schedule.cpp - OpenMP loop schedules over iteration numbers --------===//
#include "schedule.h"

#include <cctype>
#include <cstdlib>

namespace distomp {

Schedule classify(int32_t Sched) {
  Sched &= ~(kSchedMonotonic | kSchedNonmonotonic);
  if (Sched > kSchedOrderedOffset + kSchedStaticChunked - 1 &&
      Sched <= kSchedOrderedOffset + kSchedStaticBalancedChunked)
    Sched -= kSchedOrderedOffset;
  switch (Sched) {
  case kSchedStaticChunked:
    return Schedule::StaticChunked;
  case kSchedStatic:
  case kSchedAuto:
  case kSchedStaticGreedy:
  case kSchedStaticBalanced:
    return Schedule::Static;
  case kSchedStaticBalancedChunked:
    return Schedule::StaticChunked;
  case kSchedDynamic:
  case kSchedStaticSteal:
    return Schedule::Dynamic;
  case kSchedGuided:
  case kSchedTrapezoidal:
  case kSchedGuidedIterative:
  case kSchedGuidedAnalytical:
    return Schedule::Guided;
  case kSchedRuntime:
    return Schedule::Runtime;
  default:
    return Schedule::Unknown;
  }
}

bool parseOmpSchedule(const std::string &Text, int32_t &Kind, int64_t &Chunk) {
  std::string S;
  for (char C : Text)
    if (!std::isspace(static_cast<unsigned char>(C)))
      S += static_cast<char>(std::tolower(static_cast<unsigned char>(C)));
  if (auto Colon = S.find(':'); Colon != std::string::npos)
    S = S.substr(Colon + 1); // modifiers do not change which thread runs what here
  std::string Name = S.substr(0, S.find(','));
  int64_t C = 0;
  if (auto Comma = S.find(','); Comma != std::string::npos) {
    char *End = nullptr;
    C = std::strtoll(S.c_str() + Comma + 1, &End, 10);
    if (*End || C <= 0)
      return false;
  }
  if (Name == "static")
    Kind = C ? kSchedStaticChunked : kSchedStatic;
  else if (Name == "dynamic")
    Kind = kSchedDynamic;
  else if (Name == "guided")
    Kind = kSchedGuided;
  else if (Name == "auto")
    Kind = kSchedStatic;
  else
    return false;
  Chunk = C;
  return true;
}

bool fromOmpSched(int32_t OmpKind, int32_t OmpChunk, int32_t &Kind, int64_t &Chunk) {
  int64_t C = OmpChunk > 0 ? OmpChunk : 0;
  switch (OmpKind & 0x7fffffff) { // omp_sched_monotonic is the top bit
  case 1: Kind = C ? kSchedStaticChunked : kSchedStatic; break; // omp_sched_static
  case 2: Kind = kSchedDynamic; break;                         // omp_sched_dynamic
  case 3: Kind = kSchedGuided; break;                          // omp_sched_guided
  case 4: Kind = kSchedStatic; C = 0; break;                   // omp_sched_auto
  default: return false;
  }
  Chunk = C;
  return true;
}

IterationRange staticBalanced(uint64_t Trip, uint32_t Tid, uint32_t NThreads) {
  IterationRange R;
  if (Trip == 0 || NThreads == 0)
    return R;
  if (Trip < NThreads) {
    if (Tid < Trip)
      R = {false, Tid, Tid, Tid == Trip - 1};
    return R;
  }
  uint64_t Small = Trip / NThreads, Extras = Trip % NThreads;
  uint64_t First = Tid * Small + (Tid < Extras ? Tid : Extras);
  uint64_t Count = Small + (Tid < Extras ? 1 : 0);
  return {false, First, First + Count - 1, Tid == NThreads - 1};
}

IterationRange staticChunk(uint64_t Trip, uint64_t Chunk, uint32_t Tid, uint32_t NThreads,
                           uint64_t K) {
  IterationRange R;
  if (Chunk == 0)
    Chunk = 1;
  // Chunk index Tid + K*NThreads; beware of overflow on huge loops.
  unsigned __int128 Index = (unsigned __int128)K * NThreads + Tid;
  unsigned __int128 First = Index * Chunk;
  if (First >= Trip)
    return R;
  uint64_t F = uint64_t(First);
  uint64_t L = Trip - F > Chunk ? F + Chunk - 1 : Trip - 1;
  return {false, F, L, L == Trip - 1};
}

bool staticChunkedIsLast(uint64_t Trip, uint64_t Chunk, uint32_t Tid, uint32_t NThreads) {
  if (Trip == 0 || NThreads == 0)
    return false;
  if (Chunk == 0)
    Chunk = 1;
  return Tid == ((Trip - 1) / Chunk) % NThreads;
}

uint64_t guidedChunk(uint64_t Remaining, uint64_t MinChunk, uint32_t NThreads) {
  if (MinChunk == 0)
    MinChunk = 1;
  uint64_t Div = 2 * uint64_t(NThreads ? NThreads : 1);
  uint64_t C = (Remaining + Div - 1) / Div;
  if (C < MinChunk)
    C = MinChunk;
  return C < Remaining ? C : Remaining;
}

} // namespace distomp
