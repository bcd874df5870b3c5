//===- WireBench.cpp - Encoding messages and verifying them on receipt -----===//
#include "wire.h"

#include <benchmark/benchmark.h>

#include <vector>

namespace {

using namespace distomp::wire;
using FBB = flatbuffers::FlatBufferBuilder;

void buildGrant(FBB &B, uint64_t First) {
  finish(B, CreateChunkGrant(B, true, First, First + 99, false));
}

/// A commit of Runs byte runs of 8 bytes each, 256 to a page.
void buildCommit(FBB &B, size_t Runs) {
  std::vector<uint64_t> Page;
  std::vector<uint32_t> PageRuns;
  std::vector<PageRun> Run;
  std::vector<uint8_t> Data(Runs * 8, 1);
  for (size_t I = 0; I < Runs; ++I) {
    if (I % 256 == 0) {
      Page.push_back(0x10 + I / 256);
      PageRuns.push_back(0);
    }
    ++PageRuns.back();
    Run.emplace_back(uint16_t(I % 256 * 16), uint16_t(8));
  }
  finish(B, CreateCommit(B, 1, 1, 0, 0, false, B.CreateVector(Page), B.CreateVector(PageRuns),
                         B.CreateVectorOfStructs(Run), B.CreateVector(Data), 0, false));
}

void BM_EncodeChunkGrant(benchmark::State &S) {
  FBB B;
  uint64_t N = 0;
  for (auto _ : S) {
    B.Clear();
    buildGrant(B, N++);
    benchmark::DoNotOptimize(B.GetBufferPointer());
  }
}
BENCHMARK(BM_EncodeChunkGrant);

void BM_VerifyChunkGrant(benchmark::State &S) {
  FBB B;
  buildGrant(B, 0);
  for (auto _ : S)
    benchmark::DoNotOptimize(decode(B.GetBufferPointer(), B.GetSize(), nullptr));
}
BENCHMARK(BM_VerifyChunkGrant);

void BM_EncodeCommit(benchmark::State &S) {
  FBB B;
  for (auto _ : S) {
    B.Clear();
    buildCommit(B, size_t(S.range(0)));
    benchmark::DoNotOptimize(B.GetBufferPointer());
  }
  S.SetBytesProcessed(int64_t(S.iterations()) * B.GetSize());
}
BENCHMARK(BM_EncodeCommit)->Arg(1)->Arg(512);

void BM_VerifyCommit(benchmark::State &S) {
  FBB B;
  buildCommit(B, size_t(S.range(0)));
  for (auto _ : S)
    benchmark::DoNotOptimize(decode(B.GetBufferPointer(), B.GetSize(), nullptr));
  S.SetBytesProcessed(int64_t(S.iterations()) * B.GetSize());
}
BENCHMARK(BM_VerifyCommit)->Arg(1)->Arg(512);

} // namespace
