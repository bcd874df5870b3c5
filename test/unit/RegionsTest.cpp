// The region registry: lookup by id, and the two refusals (foreign ABI,
// clashing ids); a module of another ABI is refused whole.
#include "program/regions.h"

#include <gtest/gtest.h>

namespace {

void entryA(int32_t *, int32_t *, void **) {}
void entryB(int32_t *, int32_t *, void **) {}

distomp_region region(uint64_t Id, const char *Name, distomp_region_entry E,
                      uint32_t Abi = DISTOMP_ABI_VERSION) {
  return distomp_region{Id, Abi, 0, E, Name, "unit.c", 1, 0, E, nullptr, nullptr, 0};
}

TEST(Regions, RegisteredRegionsAreFoundById) {
  static const distomp_region Table[] = {region(0x1111, "a.omp_outlined", entryA),
                                         region(0x2222, "b.omp_outlined", entryB)};
  distomp::rt::registerRegions(Table, 2);
  ASSERT_NE(distomp::rt::findRegion(0x1111), nullptr);
  EXPECT_EQ(distomp::rt::findRegion(0x1111)->entry, &entryA);
  EXPECT_EQ(distomp::rt::findRegion(0x2222)->entry, &entryB);
  EXPECT_EQ(distomp::rt::findRegion(0x3333), nullptr);
  // Registering the same module twice (a shared object loaded again) is fine.
  distomp::rt::registerRegions(Table, 2);
  EXPECT_EQ(distomp::rt::findRegion(0x1111), &Table[0]);
}

TEST(RegionsDeathTest, ForeignAbiIsRefused) {
  static const distomp_region Old[] = {region(0x4444, "old.omp_outlined", entryA, 999)};
  EXPECT_EXIT(distomp::rt::registerRegions(Old, 1), testing::ExitedWithCode(1),
              "compiled for DistOMP ABI 999");
}

TEST(RegionsDeathTest, ForeignModuleIsRefused) {
  static intptr_t Delta;
  static const distomp_module Old = {1, 0, &Delta, nullptr, 0, nullptr, 0};
  EXPECT_EXIT(__distomp_register_module(&Old), testing::ExitedWithCode(1),
              "compiled for DistOMP ABI 1");
}

TEST(RegionsDeathTest, ClashingIdsAreRefused) {
  static const distomp_region First[] = {region(0x5555, "x.omp_outlined", entryA)};
  static const distomp_region Second[] = {region(0x5555, "y.omp_outlined", entryB)};
  EXPECT_EXIT(
      {
        distomp::rt::registerRegions(First, 1);
        distomp::rt::registerRegions(Second, 1);
      },
      testing::ExitedWithCode(1), "share the id");
}

} // namespace
