//===- DiffTest.cpp - Diffs are exact to the byte -------------------------===//
#include "memory/diff.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <sys/mman.h>
#include <unistd.h>
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

// Gathering and scattering against byte by byte, for random masks of every
// density: the same bytes, no byte outside the mask written (the home writes
// live memory, where other threads may store next to a change), and nothing
// read past a page that ends a mapping (the next page is inaccessible).
TEST(Diff, GatherAndScatterTouchExactlyTheMaskedBytes) {
  long PageSize = sysconf(_SC_PAGESIZE);
  ASSERT_EQ(PageSize, 4096);
  auto *Map = static_cast<uint8_t *>(
      mmap(nullptr, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
  ASSERT_NE(Map, MAP_FAILED);
  ASSERT_EQ(mprotect(Map + 4096, 4096, PROT_NONE), 0);
  uint8_t *Page = Map; // the last bytes of a mapping
  std::mt19937_64 Rng(7);
  for (int Trial = 0; Trial < 400; ++Trial) {
    for (int I = 0; I < 4096; ++I)
      Page[I] = uint8_t(Rng());
    ByteMask M{};
    unsigned Density = unsigned(Trial % 9); // 0: sparse .. 8: dense, whole words too
    for (uint32_t W = 0; W < MaskWords; ++W) {
      uint64_t Bits = 0;
      for (unsigned K = 0; K < Density; ++K)
        Bits |= Rng();
      M[W] = Trial % 4 == 0 ? Bits : (Bits & Rng()) | (Rng() % 8 == 0 ? ~0ull : 0);
    }
    M[MaskWords - 1] |= 1ull << 63; // a run that ends the page
    std::vector<uint8_t> Bytes;
    gatherBytes(Page, M, Bytes);
    ASSERT_EQ(Bytes.size(), countBytes(M));
    size_t K = 0;
    for (uint32_t I = 0; I < 4096; ++I)
      if (M[I / 64] >> (I % 64) & 1)
        ASSERT_EQ(Bytes[K++], Page[I]) << "byte " << I;
    uint8_t Target[4096], Before[4096];
    for (int I = 0; I < 4096; ++I)
      Target[I] = Before[I] = uint8_t(Rng());
    scatterBytes(Target, M, Bytes.data());
    K = 0;
    for (uint32_t I = 0; I < 4096; ++I)
      ASSERT_EQ(Target[I], (M[I / 64] >> (I % 64) & 1) ? Bytes[K++] : Before[I]) << "byte " << I;
    // Blending gives the same page, reading its bytes from the end of a
    // mapping (the page after it is inaccessible).
    uint8_t *Src = Map + 4096 - Bytes.size();
    std::memcpy(Src, Bytes.data(), Bytes.size());
    uint8_t Blended[4096];
    std::memcpy(Blended, Before, 4096);
    blendBytes(Blended, M, Src);
    ASSERT_EQ(std::memcmp(Blended, Target, 4096), 0) << "trial " << Trial;
  }
  munmap(Map, 2 * 4096);
}

// Every run one line can hold (each start and length), alone and beside a
// second run: run by run copies and blends move exactly those bytes, in
// order.
TEST(Diff, RunsOfEveryPlaceAndLengthMoveExactly) {
  std::mt19937_64 Rng(11);
  uint8_t Page[4096], Target[4096], Before[4096];
  for (uint32_t Start = 0; Start < 64; ++Start)
    for (uint32_t Len = 1; Start + Len <= 64; ++Len) {
      ByteMask M{};
      uint64_t Run = (Len == 64 ? ~0ull : ((1ull << Len) - 1)) << Start;
      for (uint32_t W = 0; W < MaskWords; ++W) // a second run in odd lines
        M[W] = Run | (W % 2 && Start + Len < 62 ? 1ull << 63 : 0);
      for (int I = 0; I < 4096; ++I) {
        Page[I] = uint8_t(Rng());
        Target[I] = Before[I] = uint8_t(Rng());
      }
      std::vector<uint8_t> Bytes;
      gatherBytes(Page, M, Bytes);
      ASSERT_EQ(Bytes.size(), countBytes(M));
      uint8_t Blended[4096];
      std::memcpy(Blended, Before, 4096);
      scatterBytes(Target, M, Bytes.data());
      blendBytes(Blended, M, Bytes.data());
      for (uint32_t I = 0; I < 4096; ++I)
        ASSERT_EQ(Target[I], (M[I / 64] >> (I % 64) & 1) ? Page[I] : Before[I])
            << "start " << Start << " length " << Len << " byte " << I;
      ASSERT_EQ(std::memcmp(Blended, Target, 4096), 0) << "start " << Start << " length " << Len;
    }
}
