//===- DiffTest.cpp - Diffs are exact to the byte -------------------------===//
#include "memory/diff.h"

#include <gtest/gtest.h>

#include <cstring>
#include <utility>
#include <vector>

using namespace distomp::rt;

namespace {

std::vector<std::pair<uint32_t, uint32_t>> runsOf(const ByteMask &M) {
  std::vector<std::pair<uint32_t, uint32_t>> Runs;
  forEachRun(M, [&](uint32_t Offset, uint32_t Len) { Runs.emplace_back(Offset, Len); });
  return Runs;
}

} // namespace

TEST(Diff, NoChangeNoBytes) {
  uint8_t A[4096], B[4096];
  std::memset(A, 7, sizeof A);
  std::memcpy(B, A, sizeof A);
  ByteMask M = differingBytes(A, B);
  EXPECT_TRUE(isEmpty(M));
  EXPECT_EQ(countBytes(M), 0u);
  EXPECT_EQ(countRuns(M), 0u);
  EXPECT_TRUE(runsOf(M).empty());
}

TEST(Diff, NeighbouringBytesAreSeparateRuns) {
  uint8_t Twin[4096] = {}, Page[4096] = {};
  Page[0] = 1;                    // run 1
  Page[2] = 2;                    // run 2: byte 1 unchanged between them
  std::memset(Page + 60, 5, 20);  // run 3, across a mask word
  Page[4095] = 9;                 // run 4, at the end
  ByteMask M = differingBytes(Page, Twin);
  EXPECT_EQ(countBytes(M), 23u);
  EXPECT_EQ(countRuns(M), 4u);
  std::vector<std::pair<uint32_t, uint32_t>> Want{{0, 1}, {2, 1}, {60, 20}, {4095, 1}};
  EXPECT_EQ(runsOf(M), Want);
  std::vector<uint8_t> Bytes;
  gatherBytes(Page, M, Bytes);
  ASSERT_EQ(Bytes.size(), 23u);
  EXPECT_EQ(Bytes[0], 1);
  EXPECT_EQ(Bytes[1], 2);
  EXPECT_EQ(Bytes[22], 9);
}

TEST(Diff, RunsFromOffsetsMatchTheBytes) {
  ByteMask M{};
  addRun(M, 60, 20);
  addRun(M, 128, 64); // one whole word
  addRun(M, 4000, 96);
  std::vector<std::pair<uint32_t, uint32_t>> Want{{60, 20}, {128, 64}, {4000, 96}};
  EXPECT_EQ(runsOf(M), Want);
  EXPECT_EQ(countBytes(M), 180u);
  ByteMask All{};
  addRun(All, 0, 4096);
  EXPECT_EQ(countRuns(All), 1u);
  EXPECT_EQ(runsOf(All), (std::vector<std::pair<uint32_t, uint32_t>>{{0, 4096}}));
}

TEST(Diff, ScatteringTheGatheredBytesIntoTheTwinGivesThePage) {
  uint8_t Twin[4096], Page[4096];
  for (int I = 0; I < 4096; ++I)
    Twin[I] = Page[I] = uint8_t(I * 31);
  for (int I = 0; I < 4096; I += 37)
    Page[I] ^= 0x5a;
  std::memset(Page + 1024, 0xee, 200); // whole words too
  ByteMask M = differingBytes(Page, Twin);
  std::vector<uint8_t> Bytes;
  gatherBytes(Page, M, Bytes);
  EXPECT_EQ(Bytes.size(), countBytes(M));
  scatterBytes(Twin, M, Bytes.data());
  EXPECT_EQ(std::memcmp(Twin, Page, 4096), 0);
}

TEST(Diff, EveryOtherByteIsOneRunEach) {
  uint8_t Twin[4096] = {}, Page[4096] = {};
  for (int I = 1; I < 4096; I += 2)
    Page[I] = 1;
  ByteMask M = differingBytes(Page, Twin);
  EXPECT_EQ(countRuns(M), 2048u);
  EXPECT_EQ(countBytes(M), 2048u);
}
