//===- worksharing.cpp - Loops split across the team ----------------------===//
//
// Static schedules are computed where they run: OpenMP fixes which thread
// runs which iterations, so no message is needed. Dynamic, guided and
// runtime schedules ask the coordinator for each chunk, one chunk ahead: a
// thread asks for its next chunk as soon as it is granted one, and runs that
// one meanwhile, so the round trip overlaps the work instead of adding to it
// (a granted chunk is the thread's as any other: committed at the next
// barrier, run again by a replay). Both work on iteration numbers
// 0 .. trip-1 (schedule.h) and map them back to the loop.
//
//===----------------------------------------------------------------------===//
#include "process/diag.h"
#include "memory/page_cache.h"
#include "process/messaging.h"
#include "process/stats.h"
#include "team/team.h"

#include "distomp/abi.h"
#include "schedule.h"

#include <type_traits>

namespace distomp::rt {
namespace {

using FBB = flatbuffers::FlatBufferBuilder;

template <typename T, typename ST> uint64_t tripCount(T Lb, T Ub, ST Incr) {
  using UT = std::make_unsigned_t<T>;
  using UST = std::make_unsigned_t<ST>;
  if (Incr > 0) {
    if (Ub < Lb)
      return 0;
    return uint64_t((UT(Ub) - UT(Lb)) / UT(UST(Incr))) + 1;
  }
  if (Incr == 0 || Lb < Ub)
    return 0;
  return uint64_t((UT(Lb) - UT(Ub)) / UT(UST(-Incr))) + 1;
}

/// Lb + K * Incr in the loop's own (wrapping) arithmetic.
template <typename T, typename ST> T iteration(T Lb, uint64_t K, ST Incr) {
  using UT = std::make_unsigned_t<T>;
  return T(UT(Lb) + UT(K) * UT(Incr));
}

template <typename T, typename ST>
void staticInit(int32_t Sched, int32_t *PLast, T *PLb, T *PUb, ST *PSt, ST Incr, ST Chunk) {
  TeamState &Tm = team();
  bool Skip = false;
  if (Tm.Distributed) {
    uint32_t Ws;
    Skip = nextEvent(Ws) != EventMode::Run;
  }
  T Lb = *PLb, Ub = *PUb;
  uint64_t Trip = tripCount(Lb, Ub, Incr);
  uint32_t Tid = Tm.Tid, N = Tm.NThreads;
  auto Empty = [&] {
    if (PLast)
      *PLast = 0;
    *PLb = iteration(Ub, 1, Incr);
    *PSt = Incr;
  };
  if (Skip || Trip == 0)
    return Empty();
  Schedule Kind = classify(Sched);
  if (Kind == Schedule::StaticChunked) {
    uint64_t C = Chunk < 1 ? 1 : uint64_t(Chunk);
    uint64_t Mine = 0;
    for (uint64_t K = 0;; ++K) {
      IterationRange R = staticChunk(Trip, C, Tid, N, K);
      if (R.Empty)
        break;
      Mine += R.Last - R.First + 1;
      stats().Chunks += 1;
    }
    stats().Iterations += Mine;
    using UT = std::make_unsigned_t<T>;
    UT Span = UT(C) * UT(Incr);
    *PSt = ST(Span * UT(N));
    *PLb = T(UT(Lb) + Span * UT(Tid));
    *PUb = T(UT(*PLb) + Span - UT(Incr));
    if (PLast)
      *PLast = staticChunkedIsLast(Trip, C, Tid, N);
    return;
  }
  // schedule(static) without chunk, and the kinds libomp treats alike.
  IterationRange R = staticBalanced(Trip, Tid, N);
  if (R.Empty)
    return Empty();
  stats().Chunks += 1;
  stats().Iterations += R.Last - R.First + 1;
  *PLb = iteration(Lb, R.First, Incr);
  *PUb = iteration(Lb, R.Last, Incr);
  *PSt = Incr;
  if (PLast)
    *PLast = R.IsLast;
}

void requestChunk(const TeamState &Tm) {
  const auto &L = Tm.Loop;
  FBB B;
  wire::finish(B, wire::CreateChunkRequest(B, Tm.Seq, Tm.Tid, L.Ws, L.Sched, L.Trip, L.Chunk,
                                           Tm.Replay, workerRank()));
  sendMessage(chunkSocket(), B);
}

Received awaitChunk() {
  return awaitMessage(chunkSocket(), wire::Body::ChunkGrant, "a chunk of a loop", 0);
}

template <typename T, typename ST>
void dispatchInit(int32_t Sched, T Lb, T Ub, ST St, ST Chunk) {
  TeamState &Tm = team();
  auto &L = Tm.Loop;
  if (L.Requested) // a loop left before its last answer (it has none: kept for safety)
    awaitChunk();
  L = {};
  if (Tm.Distributed)
    L.Skip = nextEvent(L.Ws) != EventMode::Run;
  L.Sched = Sched;
  L.Trip = tripCount(Lb, Ub, St);
  L.Chunk = Chunk > 0 ? uint64_t(Chunk) : 0;
  L.Lb = uint64_t(std::make_unsigned_t<T>(Lb));
  L.St = int64_t(St);
}

template <typename T, typename ST>
int32_t dispatchNext(int32_t *PLast, T *PLb, T *PUb, ST *PSt) {
  TeamState &Tm = team();
  auto &L = Tm.Loop;
  T Lb = T(L.Lb);
  ST St = ST(L.St);
  uint64_t First, Last;
  bool IsLast;
  if (!Tm.Distributed) {
    if (L.LocalDone || L.Trip == 0)
      return 0;
    L.LocalDone = true;
    First = 0, Last = L.Trip - 1, IsLast = true;
  } else if (classify(L.Sched) == Schedule::Static) {
    // schedule(auto) and the static kinds that come through dispatch: each
    // thread's balanced share, decided here as static_init does, with no
    // message (a replay gets its dead thread's share the same way).
    if (L.Skip || L.LocalDone || L.Trip == 0)
      return 0;
    L.LocalDone = true;
    IterationRange R = staticBalanced(L.Trip, Tm.Tid, Tm.NThreads);
    if (R.Empty)
      return 0;
    First = R.First, Last = R.Last, IsLast = R.IsLast;
    stats().Chunks += 1;
    stats().Iterations += Last - First + 1;
  } else {
    if (L.Skip || L.Trip == 0)
      return 0;
    RuntimeTimer Timer;
    if (!L.Requested)
      requestChunk(Tm);
    Received R = awaitChunk();
    L.Requested = false;
    const wire::ChunkGrant *G = R.Msg->body_as_ChunkGrant();
    if (!G->has())
      return 0;
    if (!G->is_last()) { // the next one travels while this one runs
      requestChunk(Tm);
      L.Requested = true;
    }
    First = G->first(), Last = G->last(), IsLast = G->is_last();
    if (First > Last || Last >= L.Trip)
      fatal("the coordinator granted iterations %llu..%llu of a loop of %llu",
            (unsigned long long)First, (unsigned long long)Last, (unsigned long long)L.Trip);
    stats().Chunks += 1;
    stats().Iterations += Last - First + 1;
  }
  *PLb = iteration(Lb, First, St);
  *PUb = iteration(Lb, Last, St);
  *PSt = St;
  if (PLast)
    *PLast = IsLast;
  return 1;
}

} // namespace
} // namespace distomp::rt

using namespace distomp::rt;

extern "C" {

#define DISTOMP_STATIC_INIT(Suffix, T, ST)                                                   \
  void __distomp_for_static_init_##Suffix(ident_t *, int32_t, int32_t Sched, int32_t *PLast,  \
                                          T *PLb, T *PUb, ST *PSt, ST Incr, ST Chunk) {       \
    staticInit<T, ST>(Sched, PLast, PLb, PUb, PSt, Incr, Chunk);                              \
  }                                                                                           \
  void __distomp_dispatch_init_##Suffix(ident_t *, int32_t, int32_t Sched, T Lb, T Ub, ST St, \
                                        ST Chunk) {                                           \
    dispatchInit<T, ST>(Sched, Lb, Ub, St, Chunk);                                            \
  }                                                                                           \
  int32_t __distomp_dispatch_next_##Suffix(ident_t *, int32_t, int32_t *PLast, T *PLb,        \
                                           T *PUb, ST *PSt) {                                 \
    return dispatchNext<T, ST>(PLast, PLb, PUb, PSt);                                         \
  }                                                                                           \
  void __distomp_dispatch_fini_##Suffix(ident_t *, int32_t) {}

DISTOMP_STATIC_INIT(4, int32_t, int32_t)
DISTOMP_STATIC_INIT(4u, uint32_t, int32_t)
DISTOMP_STATIC_INIT(8, int64_t, int64_t)
DISTOMP_STATIC_INIT(8u, uint64_t, int64_t)
#undef DISTOMP_STATIC_INIT

// Static loops commit at the barrier that follows them (or the region's
// end), dispatch loops likewise: nothing to do when a thread's share ends.
void __distomp_for_static_fini(ident_t *, int32_t) {}
void __distomp_dispatch_deinit(ident_t *, int32_t) {}

} // extern "C"
