//===- atomics.h - Atomic operations, here or at the home --------*- C++ -*-===//
#ifndef DISTOMP_RT_ATOMICS_H
#define DISTOMP_RT_ATOMICS_H

#include <cstdint>
#include <vector>

namespace distomp::rt {

/// The operation codes of AtomicOp beyond distomp_rmw_op (see wire.h).
constexpr uint32_t kAtomicLoadOp = 100, kAtomicStoreOp = 101, kAtomicCmpxchgOp = 102;

/// Whether operation Op (distomp_rmw_op or one of the above) exists for
/// Size bytes: 1, 2, 4 or 8, and floating point only on 4 and 8.
bool atomicOpFits(uint32_t Op, uint32_t Size);

/// Atomics on this process's own memory, sequentially consistent.
uint64_t localAtomicLoad(const void *Addr, uint32_t Size);
void localAtomicStore(void *Addr, uint64_t V, uint32_t Size);
uint64_t localAtomicRmw(void *Addr, uint64_t V, uint32_t Op, uint32_t Size);
uint64_t localAtomicCmpxchg(void *Addr, uint64_t Expected, uint64_t Desired, uint32_t Size);

/// Any of the above by operation code; returns the old value.
uint64_t localAtomic(void *Addr, uint32_t Size, uint32_t Op, uint64_t Value, uint64_t Expected);

/// Whether an atomic on Addr must be performed by the home (a worker's
/// mirrored memory).
bool atHome(const void *Addr);

/// Worker: performs the operation at the home; returns the old value. The
/// process's kept updates (deferred_updates.h) are performed first: those
/// of the place if Order (a C11 memory_order) is relaxed, else all.
uint64_t homeAtomic(void *Addr, uint32_t Size, uint32_t Op, uint64_t Value, uint64_t Expected,
                    uint32_t Order);

/// One operation for homeAtomics, with the region run and thread it was
/// made in (the home records atomics per run: a replay must not repeat
/// them).
struct HomeAtomicOp {
  void *Addr;
  uint32_t Size, Op;
  uint64_t Value;
  uint64_t Seq;
  uint32_t Tid, Ws;
};

/// Worker: performs Ops at the home, all sent before the first answer is
/// read; their old values are not wanted.
void homeAtomics(const std::vector<HomeAtomicOp> &Ops);

} // namespace distomp::rt

#endif
