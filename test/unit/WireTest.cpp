//===- WireTest.cpp - The decoder refuses every malformed buffer ----------===//
//
// After FlatBuffers' own verifier-first fuzz target: whatever arrives, the
// decoder either returns a verified message or refuses it, and never reads
// outside the buffer (run under ASan/valgrind to see the latter).
//
//===----------------------------------------------------------------------===//
#include "wire.h"

#include <gtest/gtest.h>

#include <random>

using namespace distomp::wire;

namespace {

std::vector<uint8_t> encodeChunkRequest() {
  flatbuffers::FlatBufferBuilder B;
  finish(B, CreateChunkRequest(B, 7, 1, 3, 35, 1000, 10, false));
  return {B.GetBufferPointer(), B.GetBufferPointer() + B.GetSize()};
}

std::vector<uint8_t> encodeCommit() {
  flatbuffers::FlatBufferBuilder B;
  std::vector<uint64_t> Page{0x1};
  std::vector<uint32_t> PageRuns{2};
  std::vector<PageRun> Runs{{0, 4}, {16, 2}};
  std::vector<uint8_t> Data{1, 2, 3, 4, 5, 6};
  finish(B, CreateCommit(B, 1, 7, 1, 2, false, B.CreateVector(Page), B.CreateVector(PageRuns),
                         B.CreateVectorOfStructs(Runs), B.CreateVector(Data)));
  return {B.GetBufferPointer(), B.GetBufferPointer() + B.GetSize()};
}

} // namespace

TEST(Wire, ValidMessageDecodes) {
  auto Buf = encodeChunkRequest();
  std::string Why;
  const ChunkRequest *C = decodeAs<ChunkRequest>(Buf.data(), Buf.size(), &Why);
  ASSERT_NE(C, nullptr) << Why;
  EXPECT_EQ(C->seq(), 7u);
  EXPECT_EQ(C->trip(), 1000u);
}

TEST(Wire, WrongTypeRefused) {
  auto Buf = encodeChunkRequest();
  std::string Why;
  EXPECT_EQ(decodeAs<Commit>(Buf.data(), Buf.size(), &Why), nullptr);
  EXPECT_NE(Why.find("expected Commit"), std::string::npos) << Why;
}

TEST(Wire, EveryTruncationRefused) {
  // Only alignment padding at the very end may go without harm.
  for (auto Buf : {encodeChunkRequest(), encodeCommit()})
    for (size_t N = 0; N + 8 < Buf.size(); ++N) {
      std::vector<uint8_t> Cut(Buf.begin(), Buf.begin() + N);
      EXPECT_EQ(decode(Cut.data(), Cut.size(), nullptr), nullptr) << "length " << N;
    }
}

TEST(Wire, OversizedRefused) {
  std::vector<uint8_t> Buf(16, 0);
  std::string Why;
  EXPECT_EQ(decode(Buf.data(), kMaxMessageBytes + 1, &Why), nullptr);
  EXPECT_NE(Why.find("larger"), std::string::npos);
}

TEST(Wire, NullAndTinyRefused) {
  EXPECT_EQ(decode(nullptr, 0, nullptr), nullptr);
  uint8_t One = 0;
  EXPECT_EQ(decode(&One, 1, nullptr), nullptr);
}

TEST(Wire, RandomBuffersNeverCrash) {
  std::mt19937_64 Rng(42);
  size_t Accepted = 0;
  for (int I = 0; I < 20000; ++I) {
    std::vector<uint8_t> Buf(Rng() % 512);
    for (auto &B : Buf)
      B = uint8_t(Rng());
    if (Buf.size() >= 8 && I % 2) // give half of them our identifier
      std::memcpy(Buf.data() + 4, MessageIdentifier(), 4);
    Accepted += decode(Buf.data(), Buf.size(), nullptr) != nullptr;
  }
  // Random bytes almost never form a verified message; accepting is still
  // safe (the verifier checked every offset), but should be rare.
  EXPECT_LT(Accepted, 20u);
}

TEST(Wire, FlippedBytesOfValidMessagesNeverCrash) {
  std::mt19937_64 Rng(7);
  for (auto Buf : {encodeChunkRequest(), encodeCommit()})
    for (int I = 0; I < 5000; ++I) {
      auto Copy = Buf;
      Copy[Rng() % Copy.size()] ^= uint8_t(1 + Rng() % 255);
      const Message *M = decode(Copy.data(), Copy.size(), nullptr);
      if (M && M->body_type() == Body::Commit) {
        // A verified message's vectors lie inside the buffer.
        const Commit *C = M->body_as_Commit();
        if (C->data())
          EXPECT_LE(C->data()->data() + C->data()->size(), Copy.data() + Copy.size());
      }
    }
}
