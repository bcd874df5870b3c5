//===- AccessInstrumenter.h - Coherence checks on memory accesses -*- C++ -*-===//
//
// Rewrites the memory accesses of one instrumented function so the coherence
// runtime sees every access to memory that may be shared:
//   - loads and stores (scalar and vector): an inline check of the page's
//     shadow byte, a call to the miss path only when it fails;
//   - memcpy/memmove/memset and masked/gather/scatter intrinsics: the same
//     check over their byte ranges;
//   - atomics: calls that perform them on the home copy;
//   - indirect calls: the target is translated to this process's code address.
// What provably cannot be shared is skipped, following ThreadSanitizer's rules:
// the running thread's own frames (PrivateMemory.h), constant globals. Within a basic block, repeated accesses to one address with
// no synchronizing call between them share one check.
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_PASS_ACCESSINSTRUMENTER_H
#define DISTOMP_PASS_ACCESSINSTRUMENTER_H

#include "llvm/IR/Function.h"
#include "llvm/IR/Instruction.h"

namespace llvm {
class TargetLibraryInfo;
}

namespace distomp {
class PrivateMemory;
class RuntimeABI;

struct AccessStats {
  unsigned Checks = 0;          ///< inline checks emitted
  unsigned Coalesced = 0;       ///< accesses covered by an earlier check
  unsigned Hoisted = 0;         ///< accesses covered by a loop range check
  unsigned RangeChecks = 0;     ///< out-of-line range checks emitted
  unsigned Atomics = 0;         ///< atomics routed to the runtime
  unsigned SkippedPrivate = 0;  ///< accesses to provably private memory
  unsigned SkippedConstant = 0; ///< accesses to constant data
  unsigned IndirectCalls = 0;   ///< indirect call targets translated

  AccessStats &operator+=(const AccessStats &O);
};

/// True if the runtime can perform this atomic instruction (1, 2, 4 or 8
/// bytes of integer, pointer or float/double, a known operation). Anything
/// else keeps its region local. Non-atomic instructions answer true.
bool isDistributableAtomic(const llvm::Instruction &I);

/// Instruments F. IsRegionBody: F is an outlined region body. Accesses to
/// what Private proves private are skipped. Without WithChecks only atomics
/// and indirect calls are rewritten: the page-fault path serves the loads and
/// stores (correct, page by page, and half the code).
AccessStats instrumentAccesses(llvm::Function &F, RuntimeABI &RT, bool IsRegionBody,
                               const llvm::TargetLibraryInfo &TLI, PrivateMemory &Private,
                               bool WithChecks = true);

} // namespace distomp

#endif
