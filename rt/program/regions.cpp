//===- regions.cpp - The program's parallel regions -----------------------===//
#include "program/regions.h"
#include "process/diag.h"

#include <cstring>
#include <mutex>
#include <unordered_map>

namespace distomp::rt {
namespace {

struct Registry {
  std::mutex Lock;
  std::unordered_map<uint64_t, const distomp_region *> ById;
};

Registry &registry() {
  static Registry *R = new Registry; // lives past static destructors
  return *R;
}

} // namespace

void checkRegionAbi(const distomp_region &R) {
  if (R.abi_version != DISTOMP_ABI_VERSION)
    fatal("parallel %s was compiled for DistOMP ABI %u, but this "
          "runtime speaks ABI %u: rebuild the program with the matching distomp-cc",
          describeRegion(R).c_str(), R.abi_version, DISTOMP_ABI_VERSION);
}

std::string describeRegion(const distomp_region &R) {
  std::string S = std::string("region '") + R.name + "'";
  if (*R.file)
    S += std::string(" (") + R.file + (R.line ? ":" + std::to_string(R.line) : "") + ")";
  return S;
}

const distomp_region *findRegion(uint64_t Id) {
  Registry &Reg = registry();
  std::lock_guard<std::mutex> G(Reg.Lock);
  auto It = Reg.ById.find(Id);
  return It == Reg.ById.end() ? nullptr : It->second;
}

size_t numRegions() {
  Registry &Reg = registry();
  std::lock_guard<std::mutex> G(Reg.Lock);
  return Reg.ById.size();
}

void registerRegions(const distomp_region *Regions, uint64_t Count) {
  Registry &Reg = registry();
  std::lock_guard<std::mutex> G(Reg.Lock);
  for (uint64_t I = 0; I < Count; ++I) {
    const distomp_region &R = Regions[I];
    checkRegionAbi(R);
    auto [It, New] = Reg.ById.try_emplace(R.id, &R);
    // Two different bodies with one id would make processes run different
    // code for the same region: refuse rather than guess.
    if (!New && It->second != &R && std::strcmp(It->second->name, R.name) != 0)
      fatal("parallel regions '%s' (%s:%u) and '%s' (%s:%u) share the id %016llx; "
            "rename one of the source files",
            It->second->name, It->second->file, It->second->line, R.name, R.file, R.line,
            static_cast<unsigned long long>(R.id));
  }
}

} // namespace distomp::rt
