//===- home.h - The master as home of all shared memory ----------*- C++ -*-===//
//
// A service thread in the master answers workers: it serves pages, applies
// commits and performs atomics on the master's memory. It keeps a snapshot
// of every page it served (plus the commits applied to it since), so the
// master's own writes, which take no checks, are found by comparing: only
// pages some worker holds can need invalidating.
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_RT_HOME_H
#define DISTOMP_RT_HOME_H

#include "home/change_history.h"
#include "program/image.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <sys/types.h>
#include <vector>

namespace distomp::rt {

/// Binds to Bind and starts serving; returns the endpoint workers should
/// connect to, with Host in place of a wildcard address.
std::string startHome(const std::string &Bind, const std::string &Host);

/// Where the master's own writes fall, for race detection: region run Seq,
/// epoch Epoch; Check false for writes not to check (serial code between
/// regions, or released at a lock).
struct MasterWrites {
  uint64_t Seq = 0;
  uint32_t Epoch = 0;
  bool Check = false;
};

/// Pages the master changed since the last call, among those workers hold
/// and those it watches.
std::vector<uint64_t> homeCollectDirty(MasterWrites Where = {});

/// Watches Pages (mapped in the master) for the master's own writes from
/// now on, as if a worker held them: called at a region's start for the
/// small globals its code names and the memory its arguments point to, so
/// a race between the master and a worker there is seen even when the
/// master wrote before any worker fetched the page.
void homeWatchPages(const std::vector<uint64_t> &Pages);

/// Arms the master's shared ranges not armed before (address_space.h):
/// from now on the first store instrumented code in the master makes to
/// each page no worker holds and nothing watches reaches
/// homeMasterFirstWrite. Called at each distributed region's start.
void homeArmMasterRanges(const std::vector<AddressRange> &Ranges);

/// The master's instrumented code is about to store to [Addr, Addr+Size),
/// whose pages are armed: each is watched from now on (a snapshot taken
/// before the store), so its writes of this epoch are known byte by byte
/// even if a worker fetches the page later in the epoch and writes it too.
void homeMasterFirstWrite(void *Addr, size_t Size);

/// Worker Rank was declared dead: from now on its commits and atomics are
/// refused (it is told so, and stops), so a stalled worker that comes back
/// cannot write over what its replay writes.
void homeFence(uint32_t Rank);

/// What worker Rank committed or did at home in region run Seq: decides
/// whether a dead worker's part can be run again exactly. (Per process, not
/// per thread: a process's threads commit together.)
struct CommitRecord {
  int64_t BarrierWs = -1;  ///< the last barrier whose commit arrived
  /// The pages its commits at that barrier wrote: if its arrival there never
  /// reached the coordinator, the replay announces them in its place.
  std::vector<uint64_t> BarrierPages;
  bool Unrepeatable = false; ///< committed at a lock, or used an atomic
};
CommitRecord homeCommitRecord(uint64_t Seq, uint32_t Rank);

/// Forks this process (_Fork: no atfork handlers) with the home's state
/// whole in the child: the home thread applies nothing across the fork.
pid_t homeForkFrozen();

/// In a child of homeForkFrozen only (the home's state as the fork left it,
/// no other thread): the latest change of the bytes [Addr, Addr + Size) in
/// region run Seq (change_history.h): epoch + 1, ChangedNow (the master's
/// writes it has not collected yet count as made now), or 0 if none.
uint32_t homeLatestChange(uint64_t Seq, uintptr_t Addr, size_t Size);

} // namespace distomp::rt

#endif
