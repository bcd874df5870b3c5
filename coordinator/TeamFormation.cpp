//===- TeamFormation.cpp - Which process runs which thread numbers --------===//
#include "TeamFormation.h"

#include <algorithm>
#include <cstddef>

namespace distomp::coordinator {

std::vector<uint32_t> formTeam(const std::vector<std::pair<uint32_t, uint32_t>> &Procs,
                               uint32_t Wanted) {
  uint64_t Configured = 0;
  for (auto &[Rank, Threads] : Procs)
    Configured += Threads;
  if (Wanted == 0)
    Wanted = uint32_t(Configured);
  // No program asks for more (OMP_THREAD_LIMIT and num_threads are bounded
  // there too); a forged region start must not make the coordinator build a
  // team of four billion.
  Wanted = std::min<uint32_t>(Wanted, kMaxTeamThreads);
  std::vector<uint32_t> Count(Procs.size(), 0);
  uint32_t Left = Procs.empty() ? 0 : Wanted;
  // Up to each process's threads, one per process in turn; then beyond.
  for (bool Beyond : {false, true})
    while (Left) {
      bool Any = false;
      for (std::size_t I = 0; I < Procs.size() && Left; ++I)
        if (Beyond || Count[I] < Procs[I].second) {
          ++Count[I];
          --Left;
          Any = true;
        }
      if (!Any)
        break;
    }
  std::vector<uint32_t> Team;
  for (std::size_t I = 0; I < Procs.size(); ++I)
    Team.insert(Team.end(), Count[I], Procs[I].first);
  return Team;
}

} // namespace distomp::coordinator
