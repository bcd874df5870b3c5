//===- Regions.cpp - Starting a region on its team --------------------------===//
#include "CoordinatorImpl.h"

namespace distomp::coordinator {

/// An acquire by worker Rank: the pages it drops, and the acquire's
/// number (its threads may receive grants in any order; the process
/// applies them in this one).
std::pair<std::vector<uint64_t>, uint64_t> Coordinator::Impl::acquireFor(uint32_t Rank) {
  Member *M = member(Rank);
  if (!Rank || !M)
    return {{}, 0};
  return {Dir.acquire(Rank, M->Threads > 1), ++M->Acquires};
}

void Coordinator::Impl::onRegionStart(const std::string &Id, const std::string &Bytes) {
  Member *Ms = master();
  if (!Ms || Id != Ms->MainId || Region.Active || Start) {
    ++Count.Unexpected;
    logf(LogLevel::Warn, "dropped a region start from %s: %s", hexIdentity(Id).c_str(),
         Region.Active ? "a region is running" : "not the master");
    return;
  }
  Start = PendingStart{Id, Bytes};
  maybeStartRegion();
}

void Coordinator::Impl::maybeStartRegion() {
  if (!Start)
    return;
  // A team waits for processes that have not joined yet and for restarting
  // ones, within the join timeout; not for dead ones.
  uint32_t Settled = JoinedProcs + Refused;
  uint32_t NotYet = (ExpectedProcs > Settled ? ExpectedProcs - Settled : 0) + Restarting;
  bool Deadline = SteadyClock::now() > WaitForJoinsUntil;
  if (NotYet && !Deadline)
    return;
  if (NotYet && !WarnedShortTeam) {
    WarnedShortTeam = true;
    logf(LogLevel::Warn,
         "%u process(es) of %u did not join within %u ms; running with the "
         "%zu there",
         NotYet, ExpectedProcs, Opts.JoinTimeoutMs, aliveCount());
  }
  PendingStart S = std::move(*Start);
  Start.reset();
  const RegionStart *RS = decodeAs<RegionStart>(S.Bytes.data(), S.Bytes.size(), nullptr);
  if (!RS)
    return;
  Region = RegionState();
  Region.Active = true;
  Region.Seq = NextSeq++;
  Region.Id = RS->region_id();
  Region.InnerMaxThreads = RS->inner_max_threads();
  Region.RunSchedKind = RS->run_sched_kind();
  Region.RunSchedChunk = RS->run_sched_chunk();
  // Thread numbers by process: the master's first, then each worker's,
  // so every process runs a contiguous block of them (TeamFormation.h).
  std::vector<std::pair<uint32_t, uint32_t>> Live;
  for (auto &[Rank, M] : Members)
    if (M.Alive)
      Live.emplace_back(Rank, M.Threads);
  Region.TeamRanks = formTeam(Live, RS->max_threads());
  uint32_t N = Region.TeamRanks.size();
  Region.Finished.assign(N, false);
  Region.ArrivedWs.assign(N, -1);
  ++Count.Regions;
  Dir.recordWrites(toVector(RS->dirty()), 0);
  std::vector<uint64_t> Args = toVector(RS->args());
  std::vector<Range> Ranges;
  if (RS->ranges())
    for (const Range *R : *RS->ranges())
      Ranges.push_back(*R);
  logf(LogLevel::Info, "region %llu (%016llx): %u thread(s), %zu argument(s), %zu range(s)",
       (unsigned long long)Region.Seq, (unsigned long long)Region.Id, N, Args.size(),
       Ranges.size());
  for (uint32_t Tid = 0; Tid < N;) {
    uint32_t Rank = Region.TeamRanks[Tid], Block = 1;
    while (Tid + Block < N && Region.TeamRanks[Tid + Block] == Rank)
      ++Block;
    auto [Inval, AcqSeq] = acquireFor(Rank);
    FBB B;
    auto Off =
        CreateRunRegion(B, Region.Seq, Region.Id, B.CreateVector(Args),
                        B.CreateVectorOfStructs(Ranges), B.CreateVector(Inval), Tid, N, Block,
                        AcqSeq, Region.InnerMaxThreads, Region.RunSchedKind, Region.RunSchedChunk);
    finish(B, Off);
    reply(Rank ? Members[Rank].MainId : S.Id, B);
    Tid += Block;
  }
}

/// Whether Rank is a member the job declared dead (it stopped answering
/// and its part runs elsewhere); if so, tells Id so: it stops at once.
bool Coordinator::Impl::fenceIfDead(const std::string &Id, uint32_t Rank) {
  auto It = Members.find(Rank);
  if (It == Members.end() || It->second.Alive || It->second.SaidGoodbye)
    return false;
  ++Count.Fenced;
  FBB B;
  finish(B, CreateFenced(B, B.CreateString("the job declared it dead (it stopped answering "
                                           "for " +
                                           std::to_string(Opts.LivenessMs) +
                                           " ms) and runs its part elsewhere")));
  reply(Id, B);
  return true;
}

/// Whether a team thread's message counts: it names the running region
/// and a thread of it that its sender, a live member, runs now. A member
/// declared dead is fenced; anything else is dropped and counted.
bool Coordinator::Impl::fromTeamThread(const std::string &Id, uint64_t Seq, uint32_t Tid,
                                       uint32_t Rank) {
  if (fenceIfDead(Id, Rank))
    return false;
  if (Region.Active && Seq == Region.Seq && Tid < Region.TeamRanks.size() &&
      Region.TeamRanks[Tid] == Rank && member(Rank))
    return true;
  ++Count.Unexpected;
  logf(LogLevel::Debug, "dropped a message of process %u for region %llu thread %u", Rank,
       (unsigned long long)Seq, Tid);
  return false;
}

} // namespace distomp::coordinator
