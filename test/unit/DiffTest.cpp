//===- DiffTest.cpp - Diffs are exact to the byte -------------------------===//
#include "diff.h"

#include <gtest/gtest.h>

#include <cstring>

using namespace distomp::rt;

TEST(Diff, NoChangeNoRuns) {
  uint8_t A[4096], B[4096];
  std::memset(A, 7, sizeof A);
  std::memcpy(B, A, sizeof A);
  DiffRuns R;
  EXPECT_EQ(diffPage(A, B, sizeof A, 0x1000, R), 0u);
  EXPECT_TRUE(R.Addr.empty());
}

TEST(Diff, NeighbouringBytesAreSeparateRuns) {
  uint8_t Twin[4096] = {}, Page[4096] = {};
  Page[0] = 1;       // run 1
  Page[2] = 2;       // run 2: byte 1 unchanged between them
  Page[4095] = 9;    // run 3, at the end
  std::memset(Page + 100, 5, 20); // run 4 (found in address order)
  DiffRuns R;
  EXPECT_EQ(diffPage(Page, Twin, 4096, 0x7000, R), 23u);
  ASSERT_EQ(R.Addr.size(), 4u);
  EXPECT_EQ(R.Addr[0], 0x7000u);
  EXPECT_EQ(R.Len[0], 1u);
  EXPECT_EQ(R.Addr[1], 0x7002u);
  EXPECT_EQ(R.Addr[2], 0x7000u + 100);
  EXPECT_EQ(R.Len[2], 20u);
  EXPECT_EQ(R.Addr[3], 0x7000u + 4095);
  EXPECT_EQ(R.Data.size(), 23u);
}

TEST(Diff, ApplyingRunsToTwinGivesPage) {
  uint8_t Twin[4096], Page[4096];
  for (int I = 0; I < 4096; ++I)
    Twin[I] = Page[I] = uint8_t(I * 31);
  for (int I = 0; I < 4096; I += 37)
    Page[I] ^= 0x5a;
  DiffRuns R;
  diffPage(Page, Twin, 4096, 0, R);
  size_t Off = 0;
  for (size_t I = 0; I < R.Addr.size(); ++I) {
    std::memcpy(Twin + R.Addr[I], R.Data.data() + Off, R.Len[I]);
    Off += R.Len[I];
  }
  EXPECT_EQ(std::memcmp(Twin, Page, 4096), 0);
}
