//===- page_cache.h - A worker's copies of the master's pages ----*- C++ -*-===//
//
// Home-based release consistency, worker side. A page is fetched from the
// home on its first access (read-only); its first write takes a twin and
// makes it writable; a release sends home the byte runs that differ from the
// twins, as one commit; an acquire invalidates the pages the directory names.
// Page protection always equals the shadow state, so code the pass never
// saw faults into the same paths (the fault handler).
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_RT_PAGE_CACHE_H
#define DISTOMP_RT_PAGE_CACHE_H

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <vector>

namespace flatbuffers {
template <typename T> class Vector;
}

namespace distomp::rt {

void setWorkerRank(uint32_t Rank);
uint32_t workerRank(); ///< this process's rank in the job (0: the master)

/// Make [Addr, Addr+Size) readable (writable) in this process. WriterPC is
/// the writing instruction, named in race reports.
void cacheLoad(const void *Addr, size_t Size);
void cacheStore(void *Addr, size_t Size, uintptr_t WriterPC);

/// Exclusive: no other thread of this process runs region code (a barrier,
/// or a process running one thread), so committed pages go back to
/// read-only. Shared: others may be writing them; they stay writable and
/// their twins take the committed bytes, so later writes still show.
enum class CommitMode { Exclusive, Shared };

/// Release: sends home every change since the last release, in one commit
/// (critical: at a lock rather than a barrier). Returns the pages changed.
/// Ordered: the writes were made under a lock, which orders them (no race
/// check at the home). With Pending (a barrier's or a lock release's commit):
/// returns without waiting for the home, leaving in *Pending the number of
/// this process's latest such commit (this one, if anything changed; 0 if
/// none yet), which the arrival or release names: the coordinator counts it
/// once the home has applied every such commit up to that number. The
/// acknowledgement is read later (expectCommitAck).
std::vector<uint64_t> cacheCommit(uint64_t Seq, uint32_t Tid, uint32_t Ws, uint32_t Epoch,
                                  bool Critical, bool Ordered, CommitMode Mode,
                                  uint64_t *Pending = nullptr);

/// Pages fetched since the last call.
std::vector<uint64_t> cacheTakeFetched();

/// Acquire number AcquireSeq (0: unnumbered): drops these pages (page
/// numbers). A page with uncommitted writes (Shared mode) takes the home's
/// bytes except where it was written. Acquires apply in their order: one
/// that arrives early (to another thread) waits for those before it.
/// FetchHot: pages that were read again after an earlier drop are
/// prefetched at once, in one round, and installed at their first access
/// before the next acquire (which discards the rest). Pointless at a
/// region's end: a worker runs nothing before the next region's start.
void cacheInvalidate(const flatbuffers::Vector<uint64_t> *Pages, uint64_t AcquireSeq,
                     bool FetchHot = true);

/// The acquire at the start of region RegionId (a descriptor's id): as
/// cacheInvalidate, and prefetches, in the same round as the hot pages, the
/// pages the region installed the last time it ran here that are invalid now
/// (an iterative program's next step reads what the last one did).
void cacheStartRegion(uint64_t RegionId, const flatbuffers::Vector<uint64_t> *Pages,
                      uint64_t AcquireSeq);

/// After the home performed an atomic at Addr: keeps this copy coherent
/// with the value it now holds.
void cacheAfterAtomic(void *Addr, uint32_t Size, uint64_t NewValue);

/// Before an atomic on [Addr, Addr+Size) at the home: if this process wrote
/// those bytes since its last release, commits what it wrote (the home's
/// operation must start from the value written here). The region run,
/// thread and epoch are the caller's.
void cacheCommitBeforeAtomic(void *Addr, uint32_t Size, uint64_t Seq, uint32_t Tid, uint32_t Ws,
                             uint32_t Epoch);

/// The lock of this process's page cache (recursive: the fault handler may
/// take it again on one thread).
std::recursive_mutex &cacheLock();

/// An update (distomp_rmw_op Op of Value, Size bytes at Addr) is being kept
/// (deferred_updates.h): a read-only copy of its page (and a prefetched
/// one) is dropped, so that every access misses; a page with uncommitted
/// writes here stays, and the update is applied to it and its twin alike.
/// Caller holds cacheLock().
void cachePrepareUpdate(void *Addr, uint32_t Size, uint32_t Op, uint64_t Value);

/// Routes faults on mirrored memory to the miss paths.
void installFaultHandler();

} // namespace distomp::rt

#endif
