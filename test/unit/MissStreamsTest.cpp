//===- MissStreamsTest.cpp - Interleaved sequential walks each read ahead --===//
#include "memory/miss_streams.h"

#include <gtest/gtest.h>

using namespace distomp::rt;

TEST(MissStreams, AWalkDoublesItsWindowUpToTheMaximum) {
  MissStreams S(8);
  uint64_t Page = 100;
  for (uint32_t Want : {1u, 2u, 4u, 8u, 8u}) {
    uint32_t W = S.window(Page);
    EXPECT_EQ(W, Want);
    S.took(Page + W - 1);
    Page += W;
  }
}

TEST(MissStreams, InterleavedWalksDoNotResetEachOther) {
  // A loop reading one array and writing two others misses on each in turn.
  MissStreams S(256);
  uint64_t Next[3] = {1000, 5000, 9000};
  uint32_t Last[3] = {};
  for (int Round = 0; Round < 5; ++Round)
    for (int A = 0; A < 3; ++A) {
      Last[A] = S.window(Next[A]);
      S.took(Next[A] + Last[A] - 1);
      Next[A] += Last[A];
    }
  for (uint32_t W : Last)
    EXPECT_EQ(W, 16u);
}

TEST(MissStreams, AJumpStartsAgainWithOnePage) {
  MissStreams S(256);
  S.took(S.window(10) + 10 - 1);
  EXPECT_EQ(S.window(11), 2u);
  S.took(12);
  EXPECT_EQ(S.window(500), 1u); // not after any stream's last page
  S.took(500);
  EXPECT_EQ(S.window(13), 4u);  // the first walk goes on
}

TEST(MissStreams, TheOldestStreamMakesRoom) {
  MissStreams S(256);
  for (uint64_t I = 0; I < 9; ++I) { // nine walks, eight slots
    S.window(1000 * (I + 1));
    S.took(1000 * (I + 1));
  }
  EXPECT_EQ(S.window(1001), 1u); // the first walk's slot was reused
  S.took(1001);
  EXPECT_EQ(S.window(9001), 2u); // the last one is still there
}
