// The page-state table: mapped at its fixed address before any instrumented
// code, reading "writable" everywhere in a single process, so range checks
// over any memory pass without a miss.
#include "memory/shadow.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <vector>

namespace {

int Global[4096];

TEST(Shadow, EveryPageReadsWritableInOneProcess) {
  int Local = 0;
  std::vector<char> Heap(1 << 20);
  EXPECT_EQ(distomp::rt::pageState(&Local), DISTOMP_PAGE_WRITABLE);
  EXPECT_EQ(distomp::rt::pageState(Heap.data()), DISTOMP_PAGE_WRITABLE);
  EXPECT_EQ(distomp::rt::pageState(&Global[4095]), DISTOMP_PAGE_WRITABLE);
}

TEST(Shadow, AddressMapsToOneBytePerPage) {
  auto *A = reinterpret_cast<void *>(0x7f0000001000ull);
  auto *B = reinterpret_cast<void *>(0x7f0000001fffull);
  auto *C = reinterpret_cast<void *>(0x7f0000002000ull);
  EXPECT_EQ(distomp::rt::shadowFor(A), distomp::rt::shadowFor(B));
  EXPECT_EQ(distomp::rt::shadowFor(C), distomp::rt::shadowFor(A) + 1);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(distomp::rt::shadowFor(nullptr)), DISTOMP_SHADOW_OFFSET);
}

TEST(Shadow, RangeChecksPassOverPrivateMemory) {
  std::vector<char> Heap(3 << 20);
  __distomp_load_range(Heap.data(), Heap.size());
  __distomp_store_range(Heap.data(), Heap.size());
  __distomp_store_range(Global, sizeof Global);
  __distomp_load_range(nullptr, 0);
  SUCCEED();
}

TEST(ShadowDeathTest, MissInTheMasterIsAnInternalError) {
  EXPECT_EXIT(__distomp_load_miss(Global, 4), testing::ExitedWithCode(1),
              "every page is home in the master");
}

} // namespace
