// Team formation: exactly the threads asked for, spread over the processes.
#include "TeamFormation.h"

#include <gtest/gtest.h>

namespace {

using distomp::coordinator::formTeam;
using Ranks = std::vector<uint32_t>;

TEST(TeamFormation, UnaskedTakesEveryConfiguredThread) {
  EXPECT_EQ(formTeam({{0, 2}, {1, 2}}, 0), (Ranks{0, 0, 1, 1}));
}

TEST(TeamFormation, FewerThreadsThanProcessesLeaveSomeIdle) {
  EXPECT_EQ(formTeam({{0, 1}, {1, 1}, {2, 1}, {3, 1}}, 2), (Ranks{0, 1}));
  // Spread first, one per process in turn, before filling any process.
  EXPECT_EQ(formTeam({{0, 2}, {1, 2}}, 3), (Ranks{0, 0, 1}));
  EXPECT_EQ(formTeam({{0, 2}, {1, 2}}, 1), (Ranks{0}));
}

TEST(TeamFormation, MoreThreadsThanConfiguredAreSpreadToo) {
  EXPECT_EQ(formTeam({{0, 1}, {1, 1}}, 5), (Ranks{0, 0, 0, 1, 1}));
  EXPECT_EQ(formTeam({{0, 1}}, 2), (Ranks{0, 0})); // num_threads(2) on one process
  auto Ten = formTeam({{0, 1}, {2, 1}, {5, 1}}, 10);
  EXPECT_EQ(Ten.size(), 10u);
  EXPECT_EQ(Ten.front(), 0u);
  EXPECT_EQ(Ten.back(), 5u);
}

TEST(TeamFormation, BlocksAreContiguousInRankOrder) {
  auto T = formTeam({{0, 3}, {1, 1}, {2, 2}}, 5);
  EXPECT_EQ(T, (Ranks{0, 0, 1, 2, 2}));
}

} // namespace

// A forged region start asking for 2^32-1 threads gets the largest team the
// runtime could ask for, not an allocation of billions.
TEST(TeamFormation, ForgedSizesAreBounded) {
  using namespace distomp::coordinator;
  EXPECT_EQ(formTeam({{0, 1}, {1, 1}}, 0xffffffffu).size(), size_t(kMaxTeamThreads));
}
