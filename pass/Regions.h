//===- Regions.h - Parallel regions and the code they reach -----*- C++ -*-===//
//
// Finds every __kmpc_fork_call, its outlined body and the closure of defined
// functions the body can call, and decides whether DistOMP takes the region
// (distributes it) or leaves it to libomp. A region is left local when its
// closure uses an OpenMP construct the runtime does not distribute; that is
// never silent: the caller reports each reason with its source location.
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_PASS_REGIONS_H
#define DISTOMP_PASS_REGIONS_H

#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/IR/Module.h"

#include <functional>
#include <string>

namespace llvm {
class TargetLibraryInfo;
}

namespace distomp {

/// A call inside a region's closure that the pass cannot follow: its
/// accesses run uninstrumented (inline assembly). Calls to functions of other
/// translation units and indirect calls are followed at run time instead.
struct OpaqueCall {
  llvm::CallBase *Call;
  std::string What; ///< e.g. "indirect call", "call to external 'foo'"
};

struct ParallelRegion {
  llvm::CallBase *Fork = nullptr; ///< the __kmpc_fork_call
  llvm::Function *Body = nullptr; ///< outlined body (null if not a function)
  /// Defined functions reachable from Body, Body first.
  llvm::SetVector<llvm::Function *> Closure;
  /// Empty when the region is taken; otherwise why it stays local and where.
  std::string LocalReason;
  llvm::Instruction *LocalReasonAt = nullptr;
  llvm::SmallVector<OpaqueCall, 4> OpaqueCalls;
  /// Functions declared here and called directly from the closure, which
  /// another unit or library defines: the runtime finds their instrumented
  /// versions (or keeps the region local when one has none).
  llvm::SetVector<llvm::Function *> ExternalCallees;
  /// Writable globals the closure names (at most WatchedGlobalBytes each):
  /// the master watches them for its own writes, so its races with workers
  /// on them are seen even before any worker fetched their pages.
  llvm::SetVector<llvm::GlobalVariable *> WatchedGlobals;

  bool isTaken() const { return LocalReason.empty(); }
  unsigned numArgs() const { return Fork->arg_size() - 3; }
};

/// The largest global a region's descriptor lists for the master to watch.
constexpr uint64_t WatchedGlobalBytes = 64 * 1024;

/// Gives the TargetLibraryInfo of a function (library calls with known
/// effects are followed without a warning).
using TLIGetter = std::function<const llvm::TargetLibraryInfo &(llvm::Function &)>;

/// All fork calls of the module, in program order, each analysed.
llvm::SmallVector<ParallelRegion, 8> findParallelRegions(llvm::Module &M,
                                                         const TLIGetter &GetTLI);

/// The functions of the module that code outside it can call: external
/// linkage (but inline, linkonce, functions: each caller's unit has its own
/// copy), or a local or inline function whose address is taken. Each is analysed like
/// a region body (Fork stays null): a region in another unit, or an indirect
/// call, may reach it. main and the outlined bodies are left out.
llvm::SmallVector<ParallelRegion, 16> findCallableFunctions(llvm::Module &M,
                                                            const TLIGetter &GetTLI);

/// True for a call the runtime resolves: a direct call to a function this
/// module only declares, which is not a library function whose effects the
/// pass knows, nor an OpenMP or DistOMP entry point.
bool isResolvedAtRunTime(const llvm::Function &Callee, const llvm::TargetLibraryInfo &TLI);

} // namespace distomp

#endif
