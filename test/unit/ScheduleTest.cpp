//===- ScheduleTest.cpp - Loop schedules give each iteration once ---------===//
#include "LoopScheduler.h"
#include "schedule.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

using namespace distomp;

TEST(Schedule, StaticBalancedCoversEachIterationOnce) {
  for (uint64_t Trip : {0ull, 1ull, 2ull, 5ull, 7ull, 100ull, 1001ull})
    for (uint32_t N : {1u, 2u, 3u, 7u, 16u}) {
      std::vector<int> Seen(Trip, 0);
      int Lasts = 0;
      uint64_t Prev = 0;
      for (uint32_t T = 0; T < N; ++T) {
        IterationRange R = staticBalanced(Trip, T, N);
        if (R.Empty)
          continue;
        EXPECT_EQ(R.First, Prev) << "contiguous, in thread order";
        Prev = R.Last + 1;
        for (uint64_t I = R.First; I <= R.Last; ++I)
          ++Seen[I];
        Lasts += R.IsLast;
      }
      for (uint64_t I = 0; I < Trip; ++I)
        EXPECT_EQ(Seen[I], 1);
      EXPECT_EQ(Lasts, Trip ? 1 : 0);
    }
}

TEST(Schedule, StaticBalancedMatchesLibomp) {
  // libomp: 10 iterations on 4 threads are 3,3,2,2.
  EXPECT_EQ(staticBalanced(10, 0, 4).Last, 2u);
  EXPECT_EQ(staticBalanced(10, 1, 4).First, 3u);
  EXPECT_EQ(staticBalanced(10, 2, 4).First, 6u);
  EXPECT_EQ(staticBalanced(10, 3, 4).Last, 9u);
}

TEST(Schedule, StaticChunkedRoundRobin) {
  uint64_t Trip = 23, Chunk = 4;
  uint32_t N = 3;
  std::vector<int> Owner(Trip, -1);
  for (uint32_t T = 0; T < N; ++T)
    for (uint64_t K = 0;; ++K) {
      IterationRange R = staticChunk(Trip, Chunk, T, N, K);
      if (R.Empty)
        break;
      for (uint64_t I = R.First; I <= R.Last; ++I) {
        EXPECT_EQ(Owner[I], -1);
        Owner[I] = int(T);
      }
    }
  for (uint64_t I = 0; I < Trip; ++I)
    EXPECT_EQ(Owner[I], int((I / Chunk) % N));
  EXPECT_TRUE(staticChunkedIsLast(Trip, Chunk, 2, N)); // chunk 5 -> thread 2
}

TEST(Schedule, GuidedShrinksToMinimum) {
  EXPECT_EQ(guidedChunk(100, 1, 2), 25u);
  EXPECT_EQ(guidedChunk(3, 5, 2), 3u);
  EXPECT_EQ(guidedChunk(40, 15, 4), 15u);
}

TEST(Schedule, ClassifyAndOmpSchedule) {
  EXPECT_EQ(classify(kSchedDynamic | (1 << 30)), Schedule::Dynamic);
  EXPECT_EQ(classify(kSchedStatic + kSchedOrderedOffset), Schedule::Static);
  int32_t K = 0;
  int64_t C = 0;
  EXPECT_TRUE(parseOmpSchedule("nonmonotonic:dynamic, 7", K, C));
  EXPECT_EQ(K, kSchedDynamic);
  EXPECT_EQ(C, 7);
  EXPECT_TRUE(parseOmpSchedule("static,3", K, C));
  EXPECT_EQ(K, kSchedStaticChunked);
  EXPECT_FALSE(parseOmpSchedule("sometimes", K, C));
  EXPECT_FALSE(parseOmpSchedule("dynamic,-1", K, C));
}

namespace {
/// Hands out what is left of L to Threads threads in turn, counting each
/// iteration in Seen; returns how many chunks were marked last, and the
/// last chunk handed out in LastGiven.
int drain(coordinator::LoopScheduler &L, uint32_t Threads, std::vector<int> &Seen,
          IterationRange &LastGiven) {
  int Lasts = 0;
  for (bool Any = true; Any;) {
    Any = false;
    for (uint32_t T = 0; T < Threads; ++T) {
      IterationRange R = L.next(T, false);
      if (R.Empty)
        continue;
      Any = true;
      Lasts += R.IsLast;
      LastGiven = R;
      for (uint64_t I = R.First; I <= R.Last; ++I)
        ++Seen[I];
    }
  }
  return Lasts;
}
} // namespace

TEST(LoopScheduler, DynamicHandsOutEveryIterationOnce) {
  coordinator::LoopScheduler L(Schedule::Dynamic, 1000, 7, 3);
  std::vector<int> Seen(1000, 0);
  IterationRange LastGiven;
  EXPECT_EQ(drain(L, 3, Seen, LastGiven), 1);
  for (int S : Seen)
    EXPECT_EQ(S, 1);
}

TEST(LoopScheduler, ReplayGetsUncommittedChunksAgain) {
  coordinator::LoopScheduler L(Schedule::Dynamic, 100, 10, 2);
  IterationRange A = L.next(1, false); // thread 1 takes two chunks, then dies
  IterationRange B = L.next(1, false);
  L.commit(0);
  IterationRange RA = L.next(1, true);
  IterationRange RB = L.next(1, true);
  EXPECT_EQ(RA.First, A.First);
  EXPECT_EQ(RB.First, B.First);
  IterationRange C = L.next(1, true); // then new work
  EXPECT_EQ(C.First, 20u);
}

TEST(LoopScheduler, CommittedChunksAreNotReplayed) {
  coordinator::LoopScheduler L(Schedule::Dynamic, 100, 10, 2);
  L.next(1, false);
  L.commit(1);
  EXPECT_EQ(L.next(1, true).First, 10u);
}

// A nonmonotonic dynamic loop: each thread's chunks come from the front of
// its own contiguous part, then from the back of the part with most left,
// a quarter of what is left at a time in whole chunks (at least one); every
// iteration once, and the last one's chunk marked and handed out last.
TEST(LoopScheduler, NonmonotonicDynamicTakesOwnPartThenSteals) {
  coordinator::LoopScheduler L(Schedule::Dynamic, 1000, 7, 3, /*Nonmonotonic=*/true);
  // Thread 0 alone takes chunks: its part (0..333) in order, in shrinking
  // grants of whole chunks, then the back of the largest other part.
  uint64_t Expect = 0, Previous = ~0ull;
  int Grants = 0;
  while (Expect < 334) {
    IterationRange R = L.next(0, false);
    ASSERT_FALSE(R.Empty);
    EXPECT_EQ(R.First, Expect);
    uint64_t Size = R.Last - R.First + 1;
    EXPECT_TRUE(Size % 7 == 0 || R.Last == 333) << Size;
    EXPECT_LE(Size, Previous);
    EXPECT_LE(Size, std::max<uint64_t>(7, (334 - R.First) / 4));
    Previous = Size;
    Expect = R.Last + 1;
    ++Grants;
  }
  EXPECT_EQ(Expect, 334u);
  EXPECT_EQ(Previous, 5u) << "the part's last iterations, fewer than a chunk";
  EXPECT_LT(Grants, 48) << "fewer grants than chunks";
  IterationRange Stolen = L.next(0, false);
  EXPECT_EQ(Stolen.Last, 666u) << "the back of part 1 (334..666), as large as part 2";
  EXPECT_EQ(Stolen.First, 667u - 77) << "a quarter of its 333 in whole chunks: 11 of 7";
  IterationRange OwnOf1 = L.next(1, false);
  EXPECT_EQ(OwnOf1.First, 334u);
  std::vector<int> Seen(1000, 0);
  for (uint64_t I = 0; I < 334; ++I)
    ++Seen[I];
  for (uint64_t I = Stolen.First; I <= Stolen.Last; ++I)
    ++Seen[I];
  for (uint64_t I = OwnOf1.First; I <= OwnOf1.Last; ++I)
    ++Seen[I];
  IterationRange LastGiven;
  EXPECT_EQ(drain(L, 3, Seen, LastGiven), 1);
  for (int S : Seen)
    EXPECT_EQ(S, 1);
  EXPECT_EQ(LastGiven.First, 993u) << "the last chunk is the loop's final 7 iterations";
  EXPECT_TRUE(LastGiven.IsLast);
}

TEST(LoopScheduler, MonotonicDynamicKeepsOneCounter) {
  coordinator::LoopScheduler L(Schedule::Dynamic, 100, 10, 2, /*Nonmonotonic=*/false);
  EXPECT_EQ(L.next(1, false).First, 0u);
  EXPECT_EQ(L.next(0, false).First, 10u);
}

TEST(LoopScheduler, ReplayOfNonmonotonicGetsUncommittedChunksAgain) {
  coordinator::LoopScheduler L(Schedule::Dynamic, 100, 10, 2, true);
  IterationRange A = L.next(1, false); // 50..59 from its own part, then dies
  EXPECT_EQ(A.First, 50u);
  IterationRange RA = L.next(1, true);
  EXPECT_EQ(RA.First, A.First);
  EXPECT_EQ(L.next(1, true).First, 60u);
}
