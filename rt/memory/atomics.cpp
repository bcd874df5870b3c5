//===- atomics.cpp - Atomic operations routed through the runtime ---------===//
//
// abi.h's atomics on this process's memory, which in a single process is the
// home copy. Every operation is performed sequentially consistent: at least
// as strong as any order a program asks for.
//
//===----------------------------------------------------------------------===//
#include "memory/atomics.h"
#include "memory/deferred_updates.h"
#include "team/replay_probe.h"
#include "program/errno_guard.h"
#include "process/diag.h"

#include "distomp/abi.h"

#include <cstring>
#include <type_traits>

namespace distomp::rt {
namespace {

template <typename T> T fromWord(uint64_t W) {
  T V;
  std::memcpy(&V, &W, sizeof V); // little-endian: the low bytes
  return V;
}

template <typename T> uint64_t toWord(T V) {
  uint64_t W = 0;
  std::memcpy(&W, &V, sizeof V);
  return W;
}

/// new = f(old, v) for the operations with no direct builtin; a CAS loop.
template <typename U, typename F> U casLoop(U *P, F Apply) {
  U Old = __atomic_load_n(P, __ATOMIC_SEQ_CST);
  while (!__atomic_compare_exchange_n(P, &Old, Apply(Old), false, __ATOMIC_SEQ_CST,
                                      __ATOMIC_SEQ_CST)) {
  }
  return Old;
}

/// FP operation on the bits of an unsigned word U holding an FP value F.
template <typename U, typename FP, typename Op> U fpRmw(U *P, U Bits, Op O) {
  FP V = fromWord<FP>(Bits);
  return casLoop(P, [&](U Old) { return static_cast<U>(toWord<FP>(O(fromWord<FP>(Old), V))); });
}

template <typename U> uint64_t rmw(void *Addr, uint64_t Word, uint32_t Op) {
  using S = std::make_signed_t<U>;
  U *P = static_cast<U *>(Addr);
  U V = static_cast<U>(Word);
  constexpr int SC = __ATOMIC_SEQ_CST;
  switch (Op) {
  case DISTOMP_RMW_XCHG: return __atomic_exchange_n(P, V, SC);
  case DISTOMP_RMW_ADD: return __atomic_fetch_add(P, V, SC);
  case DISTOMP_RMW_SUB: return __atomic_fetch_sub(P, V, SC);
  case DISTOMP_RMW_AND: return __atomic_fetch_and(P, V, SC);
  case DISTOMP_RMW_NAND: return __atomic_fetch_nand(P, V, SC);
  case DISTOMP_RMW_OR: return __atomic_fetch_or(P, V, SC);
  case DISTOMP_RMW_XOR: return __atomic_fetch_xor(P, V, SC);
  case DISTOMP_RMW_MAX:
    return casLoop(P, [&](U Old) { return S(Old) > S(V) ? Old : V; });
  case DISTOMP_RMW_MIN:
    return casLoop(P, [&](U Old) { return S(Old) < S(V) ? Old : V; });
  case DISTOMP_RMW_UMAX: return casLoop(P, [&](U Old) { return Old > V ? Old : V; });
  case DISTOMP_RMW_UMIN: return casLoop(P, [&](U Old) { return Old < V ? Old : V; });
  case DISTOMP_RMW_UINC_WRAP:
    return casLoop(P, [&](U Old) { return Old >= V ? U(0) : U(Old + 1); });
  case DISTOMP_RMW_UDEC_WRAP:
    return casLoop(P, [&](U Old) { return (Old == 0 || Old > V) ? V : U(Old - 1); });
  default: break;
  }
  if constexpr (sizeof(U) == 4 || sizeof(U) == 8) {
    using FP = std::conditional_t<sizeof(U) == 4, float, double>;
    switch (Op) {
    case DISTOMP_RMW_FADD: return fpRmw<U, FP>(P, V, [](FP A, FP B) { return A + B; });
    case DISTOMP_RMW_FSUB: return fpRmw<U, FP>(P, V, [](FP A, FP B) { return A - B; });
    // llvm's fmax/fmin: the other operand when one is NaN.
    case DISTOMP_RMW_FMAX:
      return fpRmw<U, FP>(P, V, [](FP A, FP B) { return A != A ? B : (B != B ? A : (A > B ? A : B)); });
    case DISTOMP_RMW_FMIN:
      return fpRmw<U, FP>(P, V, [](FP A, FP B) { return A != A ? B : (B != B ? A : (A < B ? A : B)); });
    default: break;
    }
  }
  fatal("atomic operation %u on %zu bytes at %p is not one the runtime knows", Op, sizeof(U),
        Addr);
}

[[noreturn]] void badSize(const char *What, uint32_t Size, const void *Addr) {
  fatal("atomic %s of %u bytes at %p: only 1, 2, 4 and 8 bytes are supported", What, Size,
        Addr);
}

} // namespace

bool atomicOpFits(uint32_t Op, uint32_t Size) {
  if (Size != 1 && Size != 2 && Size != 4 && Size != 8)
    return false;
  if (Op == kAtomicLoadOp || Op == kAtomicStoreOp || Op == kAtomicCmpxchgOp)
    return true;
  if (Op >= DISTOMP_RMW_NUM_OPS)
    return false;
  bool Fp = Op == DISTOMP_RMW_FADD || Op == DISTOMP_RMW_FSUB || Op == DISTOMP_RMW_FMAX ||
            Op == DISTOMP_RMW_FMIN;
  return !Fp || Size >= 4;
}

uint64_t localAtomicLoad(const void *Addr, uint32_t Size) {
  switch (Size) {
  case 1: return __atomic_load_n(static_cast<const uint8_t *>(Addr), __ATOMIC_SEQ_CST);
  case 2: return __atomic_load_n(static_cast<const uint16_t *>(Addr), __ATOMIC_SEQ_CST);
  case 4: return __atomic_load_n(static_cast<const uint32_t *>(Addr), __ATOMIC_SEQ_CST);
  case 8: return __atomic_load_n(static_cast<const uint64_t *>(Addr), __ATOMIC_SEQ_CST);
  }
  badSize("load", Size, Addr);
}

void localAtomicStore(void *Addr, uint64_t V, uint32_t Size) {
  switch (Size) {
  case 1: return __atomic_store_n(static_cast<uint8_t *>(Addr), uint8_t(V), __ATOMIC_SEQ_CST);
  case 2: return __atomic_store_n(static_cast<uint16_t *>(Addr), uint16_t(V), __ATOMIC_SEQ_CST);
  case 4: return __atomic_store_n(static_cast<uint32_t *>(Addr), uint32_t(V), __ATOMIC_SEQ_CST);
  case 8: return __atomic_store_n(static_cast<uint64_t *>(Addr), V, __ATOMIC_SEQ_CST);
  }
  badSize("store", Size, Addr);
}

uint64_t localAtomicRmw(void *Addr, uint64_t V, uint32_t Op, uint32_t Size) {
  switch (Size) {
  case 1: return rmw<uint8_t>(Addr, V, Op);
  case 2: return rmw<uint16_t>(Addr, V, Op);
  case 4: return rmw<uint32_t>(Addr, V, Op);
  case 8: return rmw<uint64_t>(Addr, V, Op);
  }
  badSize("read-modify-write", Size, Addr);
}

uint64_t localAtomicCmpxchg(void *Addr, uint64_t Expected, uint64_t Desired, uint32_t Size) {
  auto Cas = [](auto *P, auto E, auto D) -> uint64_t {
    __atomic_compare_exchange_n(P, &E, D, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    return E; // the old value, whether or not it matched
  };
  switch (Size) {
  case 1: return Cas(static_cast<uint8_t *>(Addr), uint8_t(Expected), uint8_t(Desired));
  case 2: return Cas(static_cast<uint16_t *>(Addr), uint16_t(Expected), uint16_t(Desired));
  case 4: return Cas(static_cast<uint32_t *>(Addr), uint32_t(Expected), uint32_t(Desired));
  case 8: return Cas(static_cast<uint64_t *>(Addr), Expected, Desired);
  }
  badSize("compare-exchange", Size, Addr);
}

} // namespace distomp::rt

using namespace distomp::rt;

// In a worker, an atomic on memory mirrored from the master is performed by
// the home; anywhere else (the master, private memory) it is performed here.
extern "C" {

uint64_t __distomp_atomic_load(const void *Addr, uint32_t Size, uint32_t Order) {
  if (atHome(Addr))
    return homeAtomic(const_cast<void *>(Addr), Size, kAtomicLoadOp, 0, 0, Order);
  return localAtomicLoad(Addr, Size);
}

void __distomp_atomic_store(void *Addr, uint64_t V, uint32_t Size, uint32_t Order) {
  if (probing())
    probeWouldSend("an atomic update");
  if (atHome(Addr)) {
    homeAtomic(Addr, Size, kAtomicStoreOp, V, 0, Order);
    return;
  }
  localAtomicStore(Addr, V, Size);
}

uint64_t __distomp_atomic_rmw(void *Addr, uint64_t V, uint32_t Op, uint32_t Size,
                              uint32_t Order) {
  if (probing())
    probeWouldSend("an atomic update");
  if (atHome(Addr))
    return homeAtomic(Addr, Size, Op, V, 0, Order);
  return localAtomicRmw(Addr, V, Op, Size);
}

void __distomp_atomic_update(void *Addr, uint64_t V, uint32_t Op, uint32_t Size) {
  if (probing())
    probeWouldSend("an atomic update");
  if (!atHome(Addr)) {
    localAtomicRmw(Addr, V, Op, Size);
    return;
  }
  if (!deferUpdate(Addr, V, Op, Size))
    homeAtomic(Addr, Size, Op, V, 0, __ATOMIC_RELAXED);
}

uint64_t __distomp_atomic_cmpxchg(void *Addr, uint64_t Expected, uint64_t Desired, uint32_t Size,
                                  uint32_t SuccessOrder, uint32_t) {
  if (probing())
    probeWouldSend("an atomic update");
  if (atHome(Addr))
    return homeAtomic(Addr, Size, kAtomicCmpxchgOp, Desired, Expected, SuccessOrder);
  return localAtomicCmpxchg(Addr, Expected, Desired, Size);
}

} // extern "C"

namespace distomp::rt {

uint64_t localAtomic(void *Addr, uint32_t Size, uint32_t Op, uint64_t Value, uint64_t Expected) {
  switch (Op) {
  case kAtomicLoadOp:
    return localAtomicLoad(Addr, Size);
  case kAtomicStoreOp: {
    uint64_t Old = localAtomicLoad(Addr, Size);
    localAtomicStore(Addr, Value, Size);
    return Old;
  }
  case kAtomicCmpxchgOp:
    return localAtomicCmpxchg(Addr, Expected, Value, Size);
  default:
    return localAtomicRmw(Addr, Value, Op, Size);
  }
}

} // namespace distomp::rt

#include "memory/address_space.h"
#include "process/messaging.h"
#include "memory/page_cache.h"
#include "process/stats.h"
#include "team/replay_probe.h"
#include "team/team.h"

namespace distomp::rt {

bool atHome(const void *Addr) {
  return isWorkerProcess() && isMirrored(reinterpret_cast<uintptr_t>(Addr));
}

namespace {

void sendAtomic(zmq::socket_t &S, const HomeAtomicOp &O, uint64_t Expected) {
  flatbuffers::FlatBufferBuilder B;
  wire::finish(B, wire::CreateAtomicOp(B, workerRank(), O.Seq, O.Tid, O.Ws,
                                       reinterpret_cast<uint64_t>(O.Addr), O.Size, O.Op,
                                       O.Value, Expected));
  sendMessage(S, B);
}

/// The home's answer to sendAtomic(O): the page cache learns the new value;
/// returns the old.
uint64_t receiveAtomic(zmq::socket_t &S, const HomeAtomicOp &O) {
  Received R = awaitMessage(S, wire::Body::AtomicResult, "an atomic at the home", 0);
  const wire::AtomicResult *Res = R.Msg->body_as_AtomicResult();
  if (Res->error() && Res->error()->size())
    fatal("the home could not perform an atomic of %u byte(s) at %p: %s", O.Size, O.Addr,
          Res->error()->c_str());
  cacheAfterAtomic(O.Addr, O.Size, Res->new_value());
  return Res->old();
}

} // namespace

uint64_t homeAtomic(void *Addr, uint32_t Size, uint32_t Op, uint64_t Value, uint64_t Expected,
                    uint32_t Order) {
  ErrnoGuard KeepErrno;
  if (Order == __ATOMIC_RELAXED) // this one comes after them
    flushUpdatesAt(Addr, Size);
  else
    flushUpdates();
  RuntimeTimer Timer;
  TeamState &T = team();
  cacheCommitBeforeAtomic(Addr, Size, T.Seq, T.Tid, T.Ws, T.Epoch);
  HomeAtomicOp O{Addr, Size, Op, Value, T.Seq, T.Tid, T.Ws};
  zmq::socket_t &S = homeSocket();
  sendAtomic(S, O, Expected);
  return receiveAtomic(S, O);
}

void homeAtomics(const std::vector<HomeAtomicOp> &Ops) {
  if (Ops.empty())
    return;
  ErrnoGuard KeepErrno;
  RuntimeTimer Timer;
  zmq::socket_t &S = homeSocket();
  for (const HomeAtomicOp &O : Ops)
    sendAtomic(S, O, 0);
  for (const HomeAtomicOp &O : Ops)
    receiveAtomic(S, O);
}

} // namespace distomp::rt
