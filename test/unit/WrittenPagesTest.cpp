// Write tracking for the home's collections: of the pages it watches, those
// written since the last look (by the program, the kernel on its behalf, or
// another thread through process_vm_writev, as the home writes commits) or
// no longer present are named, the others not. Skipped where the kernel has
// no asynchronous write protection (then every watched page is named).
#include "home/written_pages.h"

#include <gtest/gtest.h>

#include <cstring>
#include <sys/mman.h>
#include <sys/uio.h>
#include <unistd.h>

using namespace distomp::rt;

namespace {

constexpr size_t Pages = 64, Page = 4096;

struct WrittenPages : ::testing::Test {
  uint8_t *Base = nullptr;
  std::vector<uint64_t> Watched;
  std::vector<AddressRange> Ranges;

  void SetUp() override {
    Base = static_cast<uint8_t *>(
        mmap(nullptr, Pages * Page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    ASSERT_NE(Base, MAP_FAILED);
    std::memset(Base, 1, Pages * Page);
    for (size_t I = 0; I < Pages; I += 2) // every other page; the rest is never asked about
      Watched.push_back(uint64_t(uintptr_t(Base) / Page + I));
    Ranges = {{uintptr_t(Base), uintptr_t(Base) + Pages * Page}};
  }
  void TearDown() override { munmap(Base, Pages * Page); }

  std::vector<uint64_t> changed() { return pagesMaybeChanged(Watched, Ranges); }
  /// Looks until nothing is named: a range newly registered names its pages
  /// once, one registered for an earlier mapping at the same place (a test
  /// before) twice.
  void settle() {
    for (int I = 0; I < 3 && !changed().empty(); ++I)
      ;
  }
  uint64_t page(size_t I) const { return uint64_t(uintptr_t(Base) / Page + I); }
};

TEST_F(WrittenPages, OnlyPagesWrittenSinceTheLastLookAreNamed) {
  if (!writeTrackingWorks()) {
    EXPECT_EQ(changed(), Watched);
    GTEST_SKIP() << "no asynchronous write protection in this kernel";
  }
  settle();
  EXPECT_TRUE(changed().empty());
  Base[4 * Page + 100] = 9; // watched
  Base[5 * Page + 100] = 9; // not watched
  Base[10 * Page + 1] = 1;  // the same value: a write all the same
  EXPECT_EQ(changed(), (std::vector<uint64_t>{page(4), page(10)}));
  EXPECT_TRUE(changed().empty());
}

TEST_F(WrittenPages, WritesByTheKernelAndByAnotherPathCount) {
  if (!writeTrackingWorks())
    GTEST_SKIP() << "no asynchronous write protection in this kernel";
  settle();
  ASSERT_TRUE(changed().empty());
  int Fd[2];
  ASSERT_EQ(pipe(Fd), 0);
  ASSERT_EQ(write(Fd[1], "abc", 3), 3);
  ASSERT_EQ(read(Fd[0], Base + 20 * Page, 3), 3); // read(2) into a watched page
  close(Fd[0]);
  close(Fd[1]);
  char V[3] = {1, 2, 3};
  iovec L{V, 3}, R{Base + 30 * Page, 3};
  ASSERT_EQ(process_vm_writev(getpid(), &L, 1, &R, 1, 0), 3);
  EXPECT_EQ(changed(), (std::vector<uint64_t>{page(20), page(30)}));
}

TEST_F(WrittenPages, PagesDroppedByMadviseAreNamed) {
  if (!writeTrackingWorks())
    GTEST_SKIP() << "no asynchronous write protection in this kernel";
  settle();
  ASSERT_TRUE(changed().empty());
  ASSERT_EQ(madvise(Base + 40 * Page, 2 * Page, MADV_DONTNEED), 0); // now zeros, no write
  EXPECT_EQ(changed(), (std::vector<uint64_t>{page(40)}));
}

TEST_F(WrittenPages, PagesOutsideTheRangesAreAlwaysNamed) {
  Ranges = {{uintptr_t(Base), uintptr_t(Base) + 32 * Page}}; // the second half is not shared
  std::vector<uint64_t> Second(Watched.begin() + 16, Watched.end());
  if (!writeTrackingWorks()) {
    EXPECT_EQ(changed(), Watched);
    return;
  }
  for (int I = 0; I < 3 && changed() != Second; ++I)
    ;
  EXPECT_EQ(changed(), Second);
  Base[2 * Page] = 5;
  std::vector<uint64_t> Want{page(2)};
  Want.insert(Want.end(), Second.begin(), Second.end());
  EXPECT_EQ(changed(), Want);
}

} // namespace
