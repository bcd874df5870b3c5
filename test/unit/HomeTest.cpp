//===- HomeTest.cpp - Commits applied at a real home ----------------------===//
//
// This process is the master: its home thread serves its own memory on
// loopback, and the test sends commits as a worker would. A commit writes
// exactly its runs; a malformed one is refused with a reason and writes
// nothing.
//
//===----------------------------------------------------------------------===//
#include "home/home.h"
#include "process/messaging.h"

#include "distomp/abi.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <vector>

using namespace distomp;
using FBB = flatbuffers::FlatBufferBuilder;

namespace {

constexpr size_t PageSize = DISTOMP_PAGE_SIZE;

/// Two pages of served memory, 0xAA everywhere.
uint8_t *homeMemory() {
  static uint8_t *Memory = [] {
    auto *M = static_cast<uint8_t *>(std::aligned_alloc(PageSize, 2 * PageSize));
    rt::setHomeEndpoint(rt::startHome("tcp://127.0.0.1:*", "127.0.0.1"));
    return M;
  }();
  std::memset(Memory, 0xAA, 2 * PageSize);
  return Memory;
}

uint64_t pageOf(const uint8_t *P) { return reinterpret_cast<uintptr_t>(P) >> DISTOMP_PAGE_SHIFT; }

struct CommitParts {
  std::vector<uint64_t> Page;
  std::vector<uint32_t> PageRuns;
  std::vector<wire::PageRun> Runs;
  std::vector<uint8_t> Data;
  std::vector<uint64_t> Masks; // 64 words per page whose run count is 0
};

/// Sends the commit (ordered: no race bookkeeping) and returns the home's
/// error, "" when applied.
std::string commit(const CommitParts &C) {
  FBB B;
  wire::finish(B, wire::CreateCommit(B, 1, 1, 0, 0, true, B.CreateVector(C.Page),
                                     B.CreateVector(C.PageRuns), B.CreateVectorOfStructs(C.Runs),
                                     B.CreateVector(C.Data), 0, true, 0,
                                     B.CreateVector(C.Masks)));
  rt::Received R = rt::request(rt::homeSocket(), B, wire::Body::CommitAck, "a commit", 5000);
  const wire::CommitAck *Ack = R.Msg->body_as_CommitAck();
  return Ack->error() ? Ack->error()->str() : "";
}

/// "" when every byte of the two pages at M holds Want's value where Want
/// names one and 0xAA elsewhere; else the first byte that does not.
std::string differences(const uint8_t *M, const std::map<size_t, uint8_t> &Want) {
  for (size_t I = 0; I < 2 * PageSize; ++I) {
    auto It = Want.find(I);
    uint8_t Expected = It == Want.end() ? 0xAA : It->second;
    if (M[I] != Expected)
      return "byte " + std::to_string(I) + " is " + std::to_string(M[I]) + ", not " +
             std::to_string(Expected);
  }
  return "";
}

} // namespace

TEST(Home, CommitWritesExactlyItsRuns) {
  uint8_t *M = homeMemory();
  CommitParts C{{pageOf(M), pageOf(M) + 1}, {2, 1}, {{0, 2}, {100, 1}, {4095, 1}}, {1, 2, 3, 4}};
  ASSERT_EQ(commit(C), "");
  EXPECT_EQ(differences(M, {{0, 1}, {1, 2}, {100, 3}, {PageSize + 4095, 4}}), "");
}

/// A mask of 64 words with the bits of these bytes set.
std::vector<uint64_t> maskOf(std::initializer_list<uint32_t> Bytes) {
  std::vector<uint64_t> M(PageSize / 64, 0);
  for (uint32_t B : Bytes)
    M[B / 64] |= 1ull << (B % 64);
  return M;
}

TEST(Home, MaskedPagesWriteExactlyTheirBytes) {
  uint8_t *M = homeMemory();
  // Page 1 as runs, page 2 as a mask (bytes 1, 3, 64 and 4095), in one commit.
  CommitParts C{{pageOf(M), pageOf(M) + 1}, {1, 0}, {{10, 2}}, {1, 2, 3, 4, 5, 6},
                maskOf({1, 3, 64, 4095})};
  ASSERT_EQ(commit(C), "");
  EXPECT_EQ(differences(M, {{10, 1},
                            {11, 2},
                            {PageSize + 1, 3},
                            {PageSize + 3, 4},
                            {PageSize + 64, 5},
                            {PageSize + 4095, 6}}),
            "");
}

TEST(Home, MalformedCommitsAreRefusedAndWriteNothing) {
  uint8_t *M = homeMemory();
  uint64_t P = pageOf(M);
  std::vector<uint64_t> TwoMasks = maskOf({7}), Second = maskOf({7});
  TwoMasks.insert(TwoMasks.end(), Second.begin(), Second.end());
  struct Case {
    const char *Why;
    CommitParts C;
  } Cases[] = {
      {"run counts", {{P}, {}, {{0, 1}}, {9}}},
      {"add up", {{P}, {2}, {{0, 1}}, {9}}},
      {"crosses", {{P}, {1}, {{4095, 2}}, {9, 9}}},
      {"empty", {{P}, {1}, {{5, 0}}, {}}},
      {"data", {{P}, {1}, {{0, 1}}, {9, 9}}},
      {"shared memory", {{1}, {1}, {{0, 1}}, {9}}}, // page 1: never mapped
      {"no mask", {{P}, {0}, {}, {9}, {1}}},
      {"changes nothing", {{P}, {0}, {}, {}, maskOf({})}},
      {"data", {{P}, {0}, {}, {9}, maskOf({1, 2})}},
      {"left over", {{P}, {1}, {{0, 1}}, {9}, maskOf({1})}},
      {"shared memory", {{1}, {0}, {}, {9}, maskOf({7})}},
      // A shared page first: the unmapped one refuses the whole commit.
      {"shared memory", {{P, 1}, {1, 1}, {{0, 1}, {0, 1}}, {9, 9}}},
      {"shared memory", {{P, P + 1, 1}, {0, 1, 0}, {{5, 1}}, {9, 9, 9}, TwoMasks}},
  };
  for (const Case &K : Cases) {
    std::string Error = commit(K.C);
    EXPECT_NE(Error.find(K.Why), std::string::npos) << K.Why << ": " << Error;
    EXPECT_EQ(differences(M, {}), "") << K.Why;
  }
}
