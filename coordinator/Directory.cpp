//===- Directory.cpp - Which process holds which page, and how fresh ------===//
#include "Directory.h"

#include <algorithm>

namespace distomp::coordinator {

void Directory::recordWrites(const std::vector<uint64_t> &Pages, uint32_t Writer) {
  if (Pages.empty())
    return;
  uint64_t Now = ++Clock;
  auto WriterNode = Nodes.find(Writer);
  for (uint64_t P : Pages) {
    Log.push_back({Now, P, Writer});
    uint64_t &V = Version[P];
    if (WriterNode != Nodes.end()) {
      auto C = WriterNode->second.Cached.find(P);
      // The writer's copy includes this write; it is fresh as of now if it
      // had seen every earlier write of the page.
      if (C != WriterNode->second.Cached.end() && V <= C->second)
        C->second = Now;
    }
    V = Now;
  }
}

void Directory::recordFetched(uint32_t Rank, const std::vector<uint64_t> &Pages) {
  Node &N = Nodes[Rank];
  for (uint64_t P : Pages)
    N.Cached[P] = N.AcquireStamp;
}

std::vector<uint64_t> Directory::acquire(uint32_t Rank, bool EveryWrite) {
  Node &N = Nodes[Rank];
  std::vector<uint64_t> Invalid;
  for (auto It = Log.rbegin(); It != Log.rend() && It->Time > N.AcquireStamp; ++It) {
    auto C = N.Cached.find(It->Page);
    if (C != N.Cached.end() && C->second < It->Time) {
      Invalid.push_back(It->Page);
      N.Cached.erase(C);
    } else if (EveryWrite && It->Writer != Rank) {
      Invalid.push_back(It->Page);
    }
  }
  if (EveryWrite) {
    std::sort(Invalid.begin(), Invalid.end());
    Invalid.erase(std::unique(Invalid.begin(), Invalid.end()), Invalid.end());
  }
  // Whatever it still caches has seen every write up to now.
  N.AcquireStamp = Clock;
  trim();
  return Invalid;
}

void Directory::forget(uint32_t Rank) {
  Nodes.erase(Rank);
  trim();
}

uint64_t Directory::version(uint64_t Page) const {
  auto It = Version.find(Page);
  return It == Version.end() ? 0 : It->second;
}

size_t Directory::sharers(uint64_t Page) const {
  size_t N = 0;
  for (const auto &[Rank, Node] : Nodes)
    N += Node.Cached.count(Page);
  return N;
}

void Directory::trim() {
  uint64_t Oldest = Clock;
  for (const auto &[Rank, N] : Nodes)
    Oldest = std::min(Oldest, N.AcquireStamp);
  while (!Log.empty() && Log.front().Time <= Oldest)
    Log.pop_front();
}

} // namespace distomp::coordinator
