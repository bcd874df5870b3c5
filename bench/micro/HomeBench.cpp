//===- HomeBench.cpp - Page fetches and commits against a real home -------===//
//
// This process is the master: its home thread serves its own memory on
// loopback TCP, and the benchmark thread asks as a worker would (one DEALER
// socket, a request and its reply per iteration).
//
//===----------------------------------------------------------------------===//
#include "memory/diff.h"
#include "home/home.h"
#include "process/messaging.h"

#include "distomp/abi.h"

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <vector>

namespace {

using namespace distomp;
using FBB = flatbuffers::FlatBufferBuilder;
constexpr size_t PageSize = DISTOMP_PAGE_SIZE;
constexpr size_t Pages = 256;

/// The served memory and a home that serves it.
uint8_t *homeMemory() {
  static uint8_t *Memory = [] {
    auto *M = static_cast<uint8_t *>(std::aligned_alloc(PageSize, Pages * PageSize));
    for (size_t I = 0; I < Pages * PageSize; ++I)
      M[I] = uint8_t(I);
    rt::setHomeEndpoint(rt::startHome("tcp://127.0.0.1:*", "127.0.0.1"));
    return M;
  }();
  return Memory;
}

/// One request for Count pages and its reply, as a worker's miss does.
void BM_PageFetch(benchmark::State &S) {
  uint64_t First = reinterpret_cast<uintptr_t>(homeMemory()) >> DISTOMP_PAGE_SHIFT;
  uint32_t Count = uint32_t(S.range(0));
  FBB B;
  wire::finish(B, wire::CreatePageRequest(B, First, Count));
  for (auto _ : S) {
    rt::Received R = rt::request(rt::homeSocket(), B, wire::Body::PageData, "a page", 5000);
    benchmark::DoNotOptimize(R.Msg);
  }
  S.SetBytesProcessed(int64_t(S.iterations()) * Count * PageSize);
  S.counters["pages/s"] = benchmark::Counter(double(Count), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_PageFetch)->Arg(1)->Arg(16)->UseRealTime();

/// A commit of one page's changes (Runs runs, evenly spread) applied at the
/// home and acknowledged, encoded as a worker encodes it: runs, or from 128
/// runs up the page's byte mask. Ordered (as at a lock's release), so the
/// race check, which keeps what every epoch wrote, does not grow without
/// bound.
void BM_CommitApply(benchmark::State &S) {
  uint8_t *Page = homeMemory();
  size_t Runs = size_t(S.range(0)), Len = PageSize / Runs / 2;
  std::vector<uint64_t> PageNo{reinterpret_cast<uintptr_t>(Page) >> DISTOMP_PAGE_SHIFT};
  std::vector<uint32_t> PageRuns{uint32_t(Runs)};
  std::vector<wire::PageRun> Run;
  std::vector<uint64_t> Mask;
  std::vector<uint8_t> Data(Runs * Len, 3);
  if (Runs * sizeof(wire::PageRun) > PageSize / 8) {
    PageRuns[0] = 0;
    rt::ByteMask M{};
    for (size_t I = 0; I < Runs; ++I)
      rt::addRun(M, uint32_t(I * 2 * Len), uint32_t(Len));
    Mask.assign(M.begin(), M.end());
  } else {
    for (size_t I = 0; I < Runs; ++I)
      Run.emplace_back(uint16_t(I * 2 * Len), uint16_t(Len));
  }
  FBB B;
  wire::finish(B, wire::CreateCommit(B, 1, 1, 0, 0, true, B.CreateVector(PageNo),
                                     B.CreateVector(PageRuns), B.CreateVectorOfStructs(Run),
                                     B.CreateVector(Data), 0, true, 0, B.CreateVector(Mask)));
  for (auto _ : S) {
    rt::Received R = rt::request(rt::homeSocket(), B, wire::Body::CommitAck, "a commit", 5000);
    benchmark::DoNotOptimize(R.Msg);
  }
  S.SetBytesProcessed(int64_t(S.iterations()) * Runs * Len);
}
BENCHMARK(BM_CommitApply)->Arg(1)->Arg(64)->Arg(2048)->UseRealTime();

/// A barrier's commit as one Ising worker sends it: Count pages, each with
/// every 13th byte changed (a masked page), pages the worker fetched before
/// (so the home holds snapshots and looks for the master's own writes) and
/// race-checked. The home's cost per page is what bounds many workers.
void BM_CommitPages(benchmark::State &S) {
  uint8_t *Memory = homeMemory();
  uint64_t First = reinterpret_cast<uintptr_t>(Memory) >> DISTOMP_PAGE_SHIFT;
  uint32_t Count = uint32_t(S.range(0));
  FBB Fetch;
  wire::finish(Fetch, wire::CreatePageRequest(Fetch, First, Count));
  rt::request(rt::homeSocket(), Fetch, wire::Body::PageData, "pages", 5000);
  rt::ByteMask M{};
  for (uint32_t Offset = 0; Offset < PageSize; Offset += 13)
    rt::addRun(M, Offset, 1);
  std::vector<uint64_t> PageNo, Masks;
  for (uint32_t I = 0; I < Count; ++I) {
    PageNo.push_back(First + I);
    Masks.insert(Masks.end(), M.begin(), M.end());
  }
  std::vector<uint32_t> PageRuns(Count, 0);
  std::vector<uint8_t> Data(size_t(Count) * rt::countBytes(M), 5);
  FBB B;
  wire::finish(B, wire::CreateCommit(B, 1, 1, 0, 0, false, B.CreateVector(PageNo),
                                     B.CreateVector(PageRuns), 0, B.CreateVector(Data), 0,
                                     false, 0, B.CreateVector(Masks)));
  for (auto _ : S) {
    rt::Received R = rt::request(rt::homeSocket(), B, wire::Body::CommitAck, "a commit", 5000);
    benchmark::DoNotOptimize(R.Msg);
  }
  S.counters["pages/s"] = benchmark::Counter(double(Count), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_CommitPages)->Arg(64)->UseRealTime();

} // namespace
