//===- GlobalRebaser.h - Name globals by the master's address ---*- C++ -*-===//
//
// A position-independent executable loads at a different base in each process
// (ASLR), so &global differs between the master and a worker. Shared data is
// addressed by the master's addresses everywhere; instrumented code therefore
// names each writable global as (&global + __distomp_dso_delta). Constant
// and thread-local globals are per-process copies and are left alone.
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_PASS_GLOBALREBASER_H
#define DISTOMP_PASS_GLOBALREBASER_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/Function.h"

namespace distomp {
class RuntimeABI;

/// True for a global whose storage is shared between processes: writable,
/// not thread-local, not the compiler's or the runtime's own.
bool isSharedGlobal(const llvm::GlobalValue &GV);

/// The shared globals F names, directly or inside constant expressions.
llvm::SmallVector<llvm::Constant *, 16> sharedGlobalsUsedBy(llvm::Function &F);

/// Rewrites every use of a shared global in F. Returns the number of uses
/// rewritten.
unsigned rebaseGlobals(llvm::Function &F, RuntimeABI &RT);

} // namespace distomp

#endif
