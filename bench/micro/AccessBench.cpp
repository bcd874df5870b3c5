//===- AccessBench.cpp - An instrumented access that hits, against native --===//
//
// The check the pass puts before a gather it cannot hoist: one shadow byte
// per page at a fixed address, compared, and a call only on a miss. The
// array's pages are the process's own here, so every check hits, as a held
// page does in a worker. bench/fastpath.py measures the same on code the pass
// itself instrumented.
//
//===----------------------------------------------------------------------===//
#include "distomp/abi.h"

#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <vector>

namespace {

constexpr size_t Elements = 1 << 16; // 256 KiB of ints: in cache

struct GatherData {
  std::vector<int> Values;
  std::vector<uint32_t> Index;
  GatherData() : Values(Elements, 1), Index(Elements) {
    std::mt19937 Rng(42);
    for (uint32_t &I : Index)
      I = Rng() % Elements;
  }
};

const GatherData &data() {
  static GatherData D;
  return D;
}

inline int checkedLoad(const int *P) {
  auto Shadow = reinterpret_cast<const volatile uint8_t *>(
      (reinterpret_cast<uintptr_t>(P) >> DISTOMP_PAGE_SHIFT) + DISTOMP_SHADOW_OFFSET);
  if (__builtin_expect(*Shadow == DISTOMP_PAGE_INVALID, 0))
    __distomp_load_miss(P, sizeof *P);
  return *P;
}

void BM_GatherNative(benchmark::State &S) {
  const GatherData &D = data();
  for (auto _ : S) {
    long Sum = 0;
    for (uint32_t I : D.Index)
      Sum += D.Values[I];
    benchmark::DoNotOptimize(Sum);
  }
  S.SetItemsProcessed(int64_t(S.iterations()) * Elements);
}
BENCHMARK(BM_GatherNative);

void BM_GatherChecked(benchmark::State &S) {
  const GatherData &D = data();
  for (auto _ : S) {
    long Sum = 0;
    for (uint32_t I : D.Index)
      Sum += checkedLoad(&D.Values[I]);
    benchmark::DoNotOptimize(Sum);
  }
  S.SetItemsProcessed(int64_t(S.iterations()) * Elements);
}
BENCHMARK(BM_GatherChecked);

} // namespace
