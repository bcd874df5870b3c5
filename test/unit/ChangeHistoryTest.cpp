// The home's change history (rt/home/change_history.h): when the bytes of a
// region run last changed, byte-exact, so a replay's loads are judged by the
// bytes they read and not by their neighbours'.
#include "home/change_history.h"

#include <gtest/gtest.h>

using namespace distomp::rt;

namespace {

constexpr uint64_t Page = 0x1234;
constexpr uintptr_t Base = uintptr_t(Page) << DISTOMP_PAGE_SHIFT;

ByteMask bytes(uint32_t Offset, uint32_t Len) {
  ByteMask M{};
  addRun(M, Offset, Len);
  return M;
}

TEST(ChangeHistory, NothingChangedIsZero) {
  ChangeHistory H;
  EXPECT_EQ(H.latest(Base, 4096), 0u);
  H.record(7, 0, Page, bytes(0, 8));
  EXPECT_EQ(H.latest(Base + 8, 8), 0u);
  EXPECT_EQ(H.latest(Base + 4096, 8), 0u); // the next page
}

TEST(ChangeHistory, KeepsTheLatestEpochOfEachByte) {
  ChangeHistory H;
  // A parameter set in epoch 0 beside a counter moved on in epochs 1 and 3
  // and a cached pointer written in epoch 2, all in one line.
  H.record(7, 0, Page, bytes(0, 4)); // parameter
  H.record(7, 1, Page, bytes(4, 4)); // counter
  H.record(7, 2, Page, bytes(8, 8)); // pointer
  H.record(7, 3, Page, bytes(4, 4)); // counter again
  EXPECT_EQ(H.latest(Base, 4), 1u);  // epoch 0, plus one
  EXPECT_EQ(H.latest(Base + 4, 4), 4u);
  EXPECT_EQ(H.latest(Base + 8, 8), 3u);
  EXPECT_EQ(H.latest(Base, 16), 4u); // a load of all three sees the latest
  EXPECT_EQ(H.latest(Base + 16, 48), 0u);
}

TEST(ChangeHistory, AWholeLineRewrittenStaysOneEpoch) {
  ChangeHistory H;
  for (uint32_t E = 0; E < 5; ++E)
    H.record(7, E, Page, bytes(64, 128)); // two lines of an array, every step
  EXPECT_EQ(H.latest(Base + 64, 128), 5u);
  EXPECT_EQ(H.latest(Base + 100, 1), 5u);
}

TEST(ChangeHistory, ALoadAcrossPagesAndChangesAtUnknownTimes) {
  ChangeHistory H;
  H.record(7, 2, Page, bytes(4088, 8));
  H.record(7, ChangedNow, Page + 1, bytes(0, 4)); // an atomic at home
  EXPECT_EQ(H.latest(Base + 4092, 8), ChangedNow);
  EXPECT_EQ(H.latest(Base + 4088, 4), 3u);
}

TEST(ChangeHistory, ANewRunForgetsTheLastAndSerialCodeIsNoRun) {
  ChangeHistory H;
  H.record(7, 4, Page, bytes(0, 64));
  H.record(0, 0, Page, bytes(64, 64)); // serial code: before every epoch
  EXPECT_EQ(H.latest(Base + 64, 64), 0u);
  H.record(8, 0, Page, bytes(128, 8));
  EXPECT_EQ(H.seq(), 8u);
  EXPECT_EQ(H.latest(Base, 64), 0u);
  EXPECT_EQ(H.latest(Base + 128, 8), 1u);
  H.record(7, 9, Page, bytes(0, 64)); // a late commit of the run before: over
  EXPECT_EQ(H.latest(Base, 64), 0u);
}

} // namespace

namespace {

TEST(ChangeHistory, MoreThanThreeTimesInALineCountAsTheLatestOfTheRest) {
  ChangeHistory H;
  H.record(7, 0, Page, bytes(0, 4));  // parameter
  H.record(7, 1, Page, bytes(4, 4));  // A
  H.record(7, 2, Page, bytes(8, 4));  // B
  H.record(7, 3, Page, bytes(12, 4)); // C: the parameter joins the rest
  EXPECT_EQ(H.latest(Base + 12, 4), 4u);
  EXPECT_EQ(H.latest(Base + 8, 4), 3u);
  EXPECT_EQ(H.latest(Base + 4, 4), 2u);
  EXPECT_GE(H.latest(Base, 4), 1u);      // never earlier than it was (here: 1)
  EXPECT_EQ(H.latest(Base + 16, 4), 0u); // never changed: still nothing
}

TEST(ChangeHistory, PastTheExactPagesAPageKeepsOneEpoch) {
  ChangeHistory H;
  for (uint64_t P = 0; P < ChangeHistory::MaxExactPages; ++P)
    H.record(7, 0, 0x100000 + P, bytes(0, 8));
  H.record(7, 2, Page, bytes(0, 8));
  EXPECT_EQ(H.latest(Base + 8, 8), 3u); // the whole page, conservatively
  EXPECT_EQ(H.latest(uintptr_t(0x100000) << DISTOMP_PAGE_SHIFT, 8), 1u);
}

} // namespace
