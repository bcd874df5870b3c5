//===- ExternalCalls.h - Calls into other units, resolved at run time -*- C++ -*-===//
//
// Instrumented code that calls a function another translation unit or a
// shared library defines must call that function's instrumented version,
// which only the runtime can find (every module built by the pass registers
// its versions). Each such call site loads the target from a per-callee slot
// of this module, filled on first use by __distomp_resolve_call; serial code
// keeps calling the original directly.
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_PASS_EXTERNALCALLS_H
#define DISTOMP_PASS_EXTERNALCALLS_H

namespace llvm {
class Function;
class TargetLibraryInfo;
} // namespace llvm

namespace distomp {
class RuntimeABI;

/// Rewrites F's direct calls to functions defined elsewhere (Regions.h:
/// isResolvedAtRunTime) into calls through their resolved slots. Returns the
/// number of calls rewritten. Runs after access instrumentation: the slot's
/// own load and store are this process's private data and are not checked.
unsigned resolveExternalCalls(llvm::Function &F, RuntimeABI &RT,
                              const llvm::TargetLibraryInfo &TLI);

} // namespace distomp

#endif
