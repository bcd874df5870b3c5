//===- DirectoryTest.cpp - Acquires invalidate exactly the stale copies ---===//
#include "Directory.h"

#include <gtest/gtest.h>

#include <algorithm>

using distomp::coordinator::Directory;

TEST(Directory, WriteInvalidatesOtherHolders) {
  Directory D;
  D.recordFetched(1, {10, 11});
  D.recordFetched(2, {10});
  D.recordWrites({10}, 2);
  auto Inv1 = D.acquire(1);
  auto Inv2 = D.acquire(2);
  EXPECT_EQ(Inv1, std::vector<uint64_t>{10});
  EXPECT_TRUE(Inv2.empty()) << "the writer's copy holds its own write";
  EXPECT_EQ(D.sharers(10), 1u);
}

TEST(Directory, MasterWritesInvalidateEveryHolder) {
  Directory D;
  D.recordFetched(1, {5});
  D.recordFetched(2, {5});
  D.recordWrites({5}, 0);
  EXPECT_EQ(D.acquire(1), std::vector<uint64_t>{5});
  EXPECT_EQ(D.acquire(2), std::vector<uint64_t>{5});
}

TEST(Directory, CopiesFreshAfterAnAcquireStay) {
  Directory D;
  D.recordWrites({7}, 0);
  D.recordFetched(1, {7}); // fetched after the acquire that followed? no: before
  EXPECT_EQ(D.acquire(1), std::vector<uint64_t>{7}) << "conservative: fetched before it knew";
  D.recordFetched(1, {7});
  EXPECT_TRUE(D.acquire(1).empty());
  EXPECT_TRUE(D.acquire(1).empty());
}

TEST(Directory, FetchAfterAcquireSeesEarlierWrites) {
  Directory D;
  D.recordWrites({3}, 0);
  D.acquire(1);            // acquire, then fetch: the copy includes the write
  D.recordFetched(1, {3});
  EXPECT_TRUE(D.acquire(1).empty());
  D.recordWrites({3}, 2);
  EXPECT_EQ(D.acquire(1), std::vector<uint64_t>{3});
}

TEST(Directory, WriterMissingAnEarlierWriteIsInvalidated) {
  Directory D;
  D.recordFetched(1, {4});
  D.recordFetched(2, {4});
  D.recordWrites({4}, 2); // worker 2 writes first
  D.recordWrites({4}, 1); // worker 1's copy lacks worker 2's bytes
  EXPECT_EQ(D.acquire(1), std::vector<uint64_t>{4});
}

TEST(Directory, LogIsTrimmedOnceEveryoneAcquired) {
  Directory D;
  D.recordFetched(1, {1});
  D.recordWrites({1, 2, 3}, 0);
  D.acquire(1);
  EXPECT_EQ(D.logSize(), 0u);
}
