//===- ForkLowering.h - Hand taken regions to the DistOMP runtime -*- C++ -*-===//
//
// For each taken region: an entry trampoline (fixed signature, unpacks the
// argument slots and calls the instrumented body), a descriptor with a stable
// id, and the fork call replaced by __distomp_fork_call. A module constructor
// registers the module's descriptors with the runtime.
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_PASS_FORKLOWERING_H
#define DISTOMP_PASS_FORKLOWERING_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/IR/Module.h"

#include <cstdint>

namespace distomp {
class RuntimeABI;
struct ParallelRegion;

/// A taken region and the instrumented version of its body.
struct RegionToLower {
  ParallelRegion *Region;
  llvm::Function *InstrumentedBody;
};

/// 64-bit FNV-1a of the module's source file name and the body's name: the
/// same in every process running the same executable.
uint64_t regionId(const llvm::Module &M, llvm::StringRef BodyName);

/// Lowers all taken regions of M and emits their registration.
void lowerForks(llvm::Module &M, RuntimeABI &RT, llvm::ArrayRef<RegionToLower> Regions);

} // namespace distomp

#endif
