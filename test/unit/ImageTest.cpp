// Image rebasing: writable globals of the executable move by the delta,
// everything else stays; code addresses of the master map back to ours.
#include "image.h"

#include "distomp/abi.h"

#include <gtest/gtest.h>

#include <cstdio>

namespace {

int WritableGlobal = 1;
void someFunction() {}

struct DeltaScope {
  explicit DeltaScope(intptr_t D) { distomp::rt::setImageDelta(D); }
  ~DeltaScope() { distomp::rt::setImageDelta(0); }
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

TEST(Image, RebaseMovesOnlyTheExecutablesData) {
  DeltaScope D(0x10000);
  EXPECT_EQ(__distomp_rebase_extern(&WritableGlobal),
            reinterpret_cast<char *>(&WritableGlobal) + 0x10000);
  // stdout lives in libc, not in the executable: not rebased.
  EXPECT_EQ(__distomp_rebase_extern(stdout), static_cast<void *>(stdout));
  int Local = 0;
  EXPECT_EQ(__distomp_rebase_extern(&Local), &Local);
}

TEST(Image, MasterCodeAddressesTranslateBack) {
  DeltaScope D(0x20000);
  char *Ours = reinterpret_cast<char *>(&someFunction);
  EXPECT_EQ(__distomp_translate_code(Ours + 0x20000), Ours);
  // An address outside the master's image (a library function) is kept.
  void *Lib = reinterpret_cast<void *>(&std::printf);
  EXPECT_EQ(__distomp_translate_code(Lib), Lib);
}

} // namespace
