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
#include <vector>

namespace flatbuffers {
template <typename T> class Vector;
}

namespace distomp::rt {

void setWorkerRank(uint32_t Rank);
uint32_t workerRank();

/// Make [Addr, Addr+Size) readable (writable) in this process.
void cacheLoad(const void *Addr, size_t Size);
void cacheStore(void *Addr, size_t Size);

/// Release: sends home every change since the last release, in one commit
/// (critical: at a lock rather than a barrier). Returns the pages changed.
std::vector<uint64_t> cacheCommit(uint64_t Seq, uint32_t Tid, uint32_t Ws, bool Critical);

/// Pages fetched since the last call.
std::vector<uint64_t> cacheTakeFetched();

/// Acquire: drops these pages (page numbers).
void cacheInvalidate(const flatbuffers::Vector<uint64_t> *Pages);

/// After the home performed an atomic at Addr: keeps this copy coherent
/// with the value it now holds.
void cacheAfterAtomic(void *Addr, uint32_t Size, uint64_t NewValue);

/// Routes faults on mirrored memory to the miss paths.
void installFaultHandler();

} // namespace distomp::rt

#endif
