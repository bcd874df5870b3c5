// Image rebasing: writable globals of objects built by the pass move by their
// object's delta, everything else stays; the master's code addresses map back
// to this process's objects.
#include "program/functions.h"
#include "program/image.h"

#include "distomp/abi.h"

#include <gtest/gtest.h>

#include <cstdio>

namespace {

int WritableGlobal = 1;
intptr_t TestDsoDelta; // stands for the pass's __distomp_dso_delta
void someFunction() {}

/// Pretends the master loaded the executable Delta bytes away.
struct DeltaScope {
  explicit DeltaScope(intptr_t D) {
    distomp::rt::registerObjectDelta(&TestDsoDelta);
    distomp::rt::adoptMasterObjects({{"", distomp::rt::executableImage().Base + D}});
  }
  ~DeltaScope() { distomp::rt::adoptMasterObjects({{"", distomp::rt::executableImage().Base}}); }
};

TEST(Image, ExecutableRangesAreKnown) {
  const auto &Exe = distomp::rt::executableImage();
  EXPECT_TRUE(Exe.Writable.contains(reinterpret_cast<uintptr_t>(&WritableGlobal)));
  EXPECT_TRUE(Exe.Image.contains(reinterpret_cast<uintptr_t>(&someFunction)));
  EXPECT_FALSE(Exe.Writable.contains(reinterpret_cast<uintptr_t>(&someFunction)));
}

TEST(Image, SingleProcessIsIdentity) {
  EXPECT_EQ(__distomp_rebase_extern(&WritableGlobal), &WritableGlobal);
  EXPECT_EQ(__distomp_translate_code(reinterpret_cast<void *>(&someFunction)),
            reinterpret_cast<void *>(&someFunction));
}

TEST(Image, RebaseMovesOnlyInstrumentedData) {
  DeltaScope D(0x10000);
  EXPECT_EQ(TestDsoDelta, 0x10000); // the object's own slot was set
  EXPECT_EQ(__distomp_rebase_extern(&WritableGlobal),
            reinterpret_cast<char *>(&WritableGlobal) + 0x10000);
  // stdout lives in libc, not built by the pass: not rebased.
  EXPECT_EQ(__distomp_rebase_extern(stdout), static_cast<void *>(stdout));
  int Local = 0;
  EXPECT_EQ(__distomp_rebase_extern(&Local), &Local);
}

TEST(Image, MasterCodeAddressesMapToTheirObject) {
  DeltaScope D(0x20000);
  uintptr_t Ours = reinterpret_cast<uintptr_t>(&someFunction);
  const auto *O = distomp::rt::objectAtMaster(Ours + 0x20000);
  ASSERT_NE(O, nullptr);
  EXPECT_EQ(O->Delta, 0x20000);
  EXPECT_EQ(O, &distomp::rt::executableImage());
}

TEST(Image, EveryLoadedObjectIsListed) {
  auto Bases = distomp::rt::objectBases();
  ASSERT_GT(Bases.size(), 1u);
  EXPECT_EQ(Bases[0].first, "");
  bool SawLibc = false;
  for (auto &[Path, Base] : Bases)
    SawLibc = SawLibc || Path.find("libc.so") != std::string::npos;
  EXPECT_TRUE(SawLibc);
}

} // namespace
