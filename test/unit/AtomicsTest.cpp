// The runtime's atomics: every operation, at every size, against the value a
// plain sequential computation gives.
#include "distomp/abi.h"
#include "memory/atomics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

namespace {

template <typename T> uint64_t word(T V) {
  uint64_t W = 0;
  std::memcpy(&W, &V, sizeof V);
  return W;
}
template <typename T> T value(uint64_t W) {
  T V;
  std::memcpy(&V, &W, sizeof V);
  return V;
}

template <typename T> T rmw(T Init, T Operand, distomp_rmw_op Op, T *Old = nullptr) {
  T Cell = Init;
  uint64_t O = __distomp_atomic_rmw(&Cell, word(Operand), Op, sizeof(T), __ATOMIC_SEQ_CST);
  if (Old)
    *Old = value<T>(O);
  return Cell;
}

TEST(Atomics, IntegerOperationsAtEverySize) {
  EXPECT_EQ(rmw<uint8_t>(250, 10, DISTOMP_RMW_ADD), uint8_t(4)); // wraps
  EXPECT_EQ(rmw<uint16_t>(7, 9, DISTOMP_RMW_SUB), uint16_t(65534));
  EXPECT_EQ(rmw<uint32_t>(0xF0F0, 0xFF00, DISTOMP_RMW_AND), 0xF000u);
  EXPECT_EQ(rmw<uint32_t>(0xF0F0, 0xFF00, DISTOMP_RMW_NAND), ~0xF000u);
  EXPECT_EQ(rmw<uint64_t>(0xF0, 0x0F, DISTOMP_RMW_OR), 0xFFull);
  EXPECT_EQ(rmw<uint64_t>(0xFF, 0x0F, DISTOMP_RMW_XOR), 0xF0ull);
  uint64_t Old = 0;
  EXPECT_EQ(rmw<uint64_t>(5, 9, DISTOMP_RMW_XCHG, &Old), 9ull);
  EXPECT_EQ(Old, 5ull);
}

TEST(Atomics, SignedAndUnsignedMinMax) {
  // -1 is the largest unsigned value and the smallest signed one here.
  EXPECT_EQ(rmw<int32_t>(-1, 3, DISTOMP_RMW_MAX), 3);
  EXPECT_EQ(rmw<int32_t>(-1, 3, DISTOMP_RMW_MIN), -1);
  EXPECT_EQ(rmw<uint32_t>(uint32_t(-1), 3, DISTOMP_RMW_UMAX), uint32_t(-1));
  EXPECT_EQ(rmw<uint32_t>(uint32_t(-1), 3, DISTOMP_RMW_UMIN), 3u);
  EXPECT_EQ(rmw<int8_t>(-100, 100, DISTOMP_RMW_MAX), int8_t(100));
  EXPECT_EQ(rmw<int16_t>(-5, -7, DISTOMP_RMW_MIN), int16_t(-7));
}

TEST(Atomics, WrappingIncrementAndDecrement) {
  EXPECT_EQ(rmw<uint32_t>(3, 5, DISTOMP_RMW_UINC_WRAP), 4u);
  EXPECT_EQ(rmw<uint32_t>(5, 5, DISTOMP_RMW_UINC_WRAP), 0u);
  EXPECT_EQ(rmw<uint32_t>(3, 5, DISTOMP_RMW_UDEC_WRAP), 2u);
  EXPECT_EQ(rmw<uint32_t>(0, 5, DISTOMP_RMW_UDEC_WRAP), 5u);
  EXPECT_EQ(rmw<uint32_t>(9, 5, DISTOMP_RMW_UDEC_WRAP), 5u);
}

TEST(Atomics, FloatingPoint) {
  EXPECT_EQ(rmw<float>(1.5f, 2.25f, DISTOMP_RMW_FADD), 3.75f);
  EXPECT_EQ(rmw<double>(1.5, 2.25, DISTOMP_RMW_FSUB), -0.75);
  EXPECT_EQ(rmw<double>(1.5, 2.25, DISTOMP_RMW_FMAX), 2.25);
  EXPECT_EQ(rmw<float>(1.5f, 2.25f, DISTOMP_RMW_FMIN), 1.5f);
  // LLVM's fmax/fmin return the other operand when one is NaN.
  EXPECT_EQ(rmw<double>(std::nan(""), 2.0, DISTOMP_RMW_FMAX), 2.0);
  EXPECT_EQ(rmw<double>(2.0, std::nan(""), DISTOMP_RMW_FMIN), 2.0);
}

TEST(Atomics, LoadStoreAndCompareExchange) {
  uint16_t H = 0;
  __distomp_atomic_store(&H, 0xBEEF, 2, __ATOMIC_RELEASE);
  EXPECT_EQ(__distomp_atomic_load(&H, 2, __ATOMIC_ACQUIRE), 0xBEEFull);

  uint64_t W = 10;
  EXPECT_EQ(__distomp_atomic_cmpxchg(&W, 11, 20, 8, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST), 10ull);
  EXPECT_EQ(W, 10ull); // no match: unchanged, old value returned
  EXPECT_EQ(__distomp_atomic_cmpxchg(&W, 10, 20, 8, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST), 10ull);
  EXPECT_EQ(W, 20ull);

  uint8_t B = 0x7F;
  EXPECT_EQ(__distomp_atomic_cmpxchg(&B, 0x7F, 0x80, 1, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST),
            0x7Full);
  EXPECT_EQ(B, 0x80);
}

TEST(AtomicsDeathTest, UnsupportedSizeIsReported) {
  uint64_t Cell[2] = {0, 0};
  EXPECT_EXIT(__distomp_atomic_rmw(Cell, 1, DISTOMP_RMW_ADD, 16, __ATOMIC_SEQ_CST),
              testing::ExitedWithCode(1), "only 1, 2, 4 and 8 bytes");
  EXPECT_EXIT(__distomp_atomic_rmw(Cell, 1, DISTOMP_RMW_NUM_OPS, 8, __ATOMIC_SEQ_CST),
              testing::ExitedWithCode(1), "not one the runtime knows");
}

} // namespace

// What the home accepts from a worker: a well-formed message naming an
// operation that does not exist for its size (floating point on 1 or 2
// bytes) is refused, never performed (performing it ends the process).
TEST(Atomics, OperationsFitTheirSizes) {
  using namespace distomp::rt;
  for (uint32_t Size : {1u, 2u, 4u, 8u}) {
    EXPECT_TRUE(atomicOpFits(DISTOMP_RMW_ADD, Size));
    EXPECT_TRUE(atomicOpFits(kAtomicCmpxchgOp, Size));
    EXPECT_EQ(atomicOpFits(DISTOMP_RMW_FADD, Size), Size >= 4);
    EXPECT_EQ(atomicOpFits(DISTOMP_RMW_FMIN, Size), Size >= 4);
  }
  EXPECT_FALSE(atomicOpFits(DISTOMP_RMW_ADD, 3));
  EXPECT_FALSE(atomicOpFits(DISTOMP_RMW_ADD, 16));
  EXPECT_FALSE(atomicOpFits(DISTOMP_RMW_NUM_OPS, 4));
  EXPECT_FALSE(atomicOpFits(99, 4));
}
