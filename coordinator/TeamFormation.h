//===- TeamFormation.h - Which process runs which thread numbers -*- C++ -*-===//
//
// A region's team has exactly the threads the master asked for (OpenMP:
// num_threads, nthreads-var), spread over the live processes: one thread per
// process in turn up to each process's configured threads, so a small team
// still spans processes (some idle when it has fewer threads than there are
// processes), then more per process in turn when the team is larger than the
// job's threads. Thread numbers are contiguous per process, in rank order
// (the master's first).
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_COORDINATOR_TEAMFORMATION_H
#define DISTOMP_COORDINATOR_TEAMFORMATION_H

#include <cstdint>
#include <utility>
#include <vector>

namespace distomp::coordinator {

/// Procs: (rank, configured threads) of the live processes, in rank order.
/// Wanted: the team size asked for (0: every configured thread). Returns the
/// rank running each thread number.
/// The largest team formed (the runtime accepts thread counts up to 2^20).
constexpr uint32_t kMaxTeamThreads = 1u << 20;

std::vector<uint32_t> formTeam(const std::vector<std::pair<uint32_t, uint32_t>> &Procs,
                               uint32_t Wanted);

} // namespace distomp::coordinator

#endif
