//===- ForkLowering.h - Hand taken regions to the DistOMP runtime -*- C++ -*-===//
//
// For each taken region: an entry trampoline (fixed signature, unpacks the
// argument slots and calls the instrumented body), a descriptor with a stable
// id, and the fork call replaced by __distomp_fork_call. A module constructor
// registers the module with the runtime: its regions, the functions other
// units may call with their instrumented versions, and its image delta.
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_PASS_FORKLOWERING_H
#define DISTOMP_PASS_FORKLOWERING_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/IR/Module.h"

#include <cstdint>
#include <string>

namespace distomp {
class RuntimeABI;
struct ParallelRegion;

/// A taken region, the instrumented version of its body, and a copy of the
/// body as clang made it (the runtime runs that one with libomp when the
/// region reaches code that has no instrumented version).
struct RegionToLower {
  ParallelRegion *Region;
  llvm::Function *InstrumentedBody;
  llvm::Function *NativeBody;
};

/// A function code outside the module may call, for the runtime's table.
struct CallableFunction {
  llvm::Function *Original;
  llvm::Function *Instrumented; ///< null when it cannot run distributed
  std::string Reason;           ///< why not, when Instrumented is null
  llvm::ArrayRef<llvm::Function *> Callees; ///< declared callees of its closure
};

/// 64-bit FNV-1a of the module's source file name and the body's name: the
/// same in every process running the same executable.
uint64_t regionId(const llvm::Module &M, llvm::StringRef BodyName);

/// Lowers all taken regions of M and emits the module's registration.
void lowerForks(llvm::Module &M, RuntimeABI &RT, llvm::ArrayRef<RegionToLower> Regions,
                llvm::ArrayRef<CallableFunction> Functions);

} // namespace distomp

#endif
