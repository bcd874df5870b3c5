//===- deferred_updates.h - A worker's atomic updates, combined ---*- C++ -*-===//
//
// `#pragma omp atomic` without capture (x += v, x |= v, x = max(x, v) on an
// integer, relaxed) reaches the runtime as __distomp_atomic_update: nobody
// reads the old value. On a worker every atomic is performed by the home, a
// round trip each; a histogram filled with atomic increments paid one per
// sample (100,000 samples: 19 s at 2 processes, 0.13 s natively).
//
// Relaxed atomics need only be visible at the process's next release, and
// updates of one place with one operation combine (adds add, ors or, maxima
// take the maximum), so a worker keeps them here, one entry per place, and
// performs them at the home, one message each, all sent before the first
// answer is read:
//   - before every release (barrier, lock, the region's end): what it
//     publishes includes them;
//   - before any other atomic: all of them before one that orders more
//     than relaxed, those of its place before a relaxed one (a read, a
//     capture, an exchange);
//   - before any other access to a page with kept updates, those of the
//     page (other places need not be visible yet): a read-only page is not
//     held while they are kept (its copy is dropped at the first update), so
//     every access, the program's or code the pass never saw, takes the miss
//     path, which performs them first. A page with uncommitted writes here
//     stays, and takes each update in its copy and twin alike (the diff
//     leaves them out); when the home's results come back, bytes written
//     here since keep what was written. Either way the process's own reads
//     of the place see its updates, as coherence demands.
// A worker lost with updates kept never had them performed: its replay runs
// them again, like its uncommitted writes. Floating-point updates are not
// combined (adding partial sums first would round differently from adding
// each term at the home): they keep their round trip.
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_RT_DEFERRED_UPDATES_H
#define DISTOMP_RT_DEFERRED_UPDATES_H

#include <cstdint>

namespace distomp::rt {

/// Worker: keeps the update (distomp_rmw_op Op of Value on Size bytes at
/// Addr, mirrored memory) for later. False: perform it at the home now (an
/// operation that does not combine).
bool deferUpdate(void *Addr, uint64_t Value, uint32_t Op, uint32_t Size);

/// Old (Size bytes) after the update Op of V (ADD, AND, OR, XOR, MAX, MIN,
/// UMAX, UMIN).
uint64_t combineUpdate(uint64_t Old, uint64_t V, uint32_t Op, uint32_t Size);

/// Performs every kept update at the home.
void flushUpdates();

/// Performs the kept updates of the bytes [Addr, Addr+Size): before a
/// relaxed atomic there (the process sees its own updates of a place in
/// order; other places need not be).
void flushUpdatesAt(const void *Addr, uint32_t Size);

/// Performs the kept updates on pages [FirstPage, LastPage], about to be
/// accessed. Caller holds the page cache's lock.
void flushUpdatesOnPages(uint64_t FirstPage, uint64_t LastPage);

} // namespace distomp::rt

#endif
