//===- DiffBench.cpp - Creating a commit's byte runs from a page and twin --===//
#include "memory/diff.h"

#include <benchmark/benchmark.h>

#include <cstring>
#include <vector>

namespace {

constexpr size_t Page = 4096;

/// A page whose every Stride-th byte changed since its twin: Stride 1 is a
/// page rewritten whole (one run), 2 is a checkerboard colour of char sites
/// (2048 one-byte runs, committed as a mask), 64 one changed byte per cache
/// line. The figure is what a commit pays per page: finding the changed
/// bytes and copying them out.
void BM_DiffCreate(benchmark::State &S) {
  size_t Stride = size_t(S.range(0));
  std::vector<uint8_t> Twin(Page, 0), Copy(Page, 0);
  for (size_t I = 0; I < Page; I += Stride)
    Copy[I] = 1;
  std::vector<uint8_t> Bytes;
  for (auto _ : S) {
    Bytes.clear();
    distomp::rt::ByteMask M = distomp::rt::differingBytes(Copy.data(), Twin.data());
    distomp::rt::gatherBytes(Copy.data(), M, Bytes);
    benchmark::DoNotOptimize(Bytes.data());
  }
  S.SetBytesProcessed(int64_t(S.iterations()) * Page);
  S.counters["changed_bytes"] = double(Bytes.size());
}
BENCHMARK(BM_DiffCreate)->Arg(1)->Arg(2)->Arg(64)->Arg(Page);

/// A page of doubles each changed in its low Low bytes (a stencil's step
/// moves a value a little: its sign, exponent and top mantissa bytes stay),
/// Low 8 a page of doubles rewritten whole. Creating the commit's bytes
/// (Apply 0) or writing them over a page, as the home does twice per page:
/// into its live memory (Apply 1, no byte outside the mask stored) and
/// into the snapshot (Apply 2, blended).
void BM_DiffDoubles(benchmark::State &S) {
  size_t Low = size_t(S.range(0));
  int64_t Apply = S.range(1);
  std::vector<uint8_t> Twin(Page, 0), Copy(Page, 0);
  for (size_t I = 0; I < Page; I += 8)
    for (size_t B = 0; B < Low; ++B)
      Copy[I + B] = uint8_t(1 + B);
  distomp::rt::ByteMask M = distomp::rt::differingBytes(Copy.data(), Twin.data());
  std::vector<uint8_t> Bytes;
  distomp::rt::gatherBytes(Copy.data(), M, Bytes);
  for (auto _ : S) {
    if (Apply) {
      if (Apply == 1)
        distomp::rt::scatterBytes(Twin.data(), M, Bytes.data());
      else
        distomp::rt::blendBytes(Twin.data(), M, Bytes.data());
      benchmark::DoNotOptimize(Twin.data());
    } else {
      Bytes.clear();
      distomp::rt::gatherBytes(Copy.data(), M, Bytes);
      benchmark::DoNotOptimize(Bytes.data());
    }
    benchmark::ClobberMemory();
  }
  S.SetBytesProcessed(int64_t(S.iterations()) * Page);
}
BENCHMARK(BM_DiffDoubles)->ArgsProduct({{1, 6, 7, 8}, {0, 1, 2}});

/// Writing a checkerboard colour's bytes (every other byte) over a page: the
/// home's side of an Ising commit.
void BM_ScatterEveryOther(benchmark::State &S) {
  std::vector<uint8_t> Twin(Page, 0), Copy(Page, 0);
  for (size_t I = 0; I < Page; I += 2)
    Copy[I] = 1;
  distomp::rt::ByteMask M = distomp::rt::differingBytes(Copy.data(), Twin.data());
  std::vector<uint8_t> Bytes;
  distomp::rt::gatherBytes(Copy.data(), M, Bytes);
  for (auto _ : S) {
    distomp::rt::scatterBytes(Twin.data(), M, Bytes.data());
    benchmark::DoNotOptimize(Twin.data());
    benchmark::ClobberMemory();
  }
  S.SetBytesProcessed(int64_t(S.iterations()) * Page);
}
BENCHMARK(BM_ScatterEveryOther);

/// An unchanged page: the common case at a barrier for pages only read.
void BM_DiffUnchanged(benchmark::State &S) {
  std::vector<uint8_t> Twin(Page, 7), Copy(Page, 7);
  for (auto _ : S)
    benchmark::DoNotOptimize(distomp::rt::differingBytes(Copy.data(), Twin.data()));
  S.SetBytesProcessed(int64_t(S.iterations()) * Page);
}
BENCHMARK(BM_DiffUnchanged);

} // namespace
