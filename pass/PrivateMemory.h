//===- PrivateMemory.h - Memory only the running thread reaches ---*- C++ -*-===//
//
// Accesses to a thread's own stack frames need no coherence check: in a
// worker its stack is its own (never mirrored), and in the master every page
// is home. Two kinds of pointers provably point there:
//   - an alloca whose address does not escape, as ThreadSanitizer decides it,
//     with a capture tracker that knows the runtime keeps no pointer it is
//     given;
//   - the thread-id arguments of an outlined region body;
//   - a pointer argument of a local function whose every caller passes such
//     an alloca, or such an argument of its own (recursion): the helpers a
//     loop body calls with a pointer to its private scratch state. Found by a
//     greatest fixpoint over the instrumented functions.
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_PASS_PRIVATEMEMORY_H
#define DISTOMP_PASS_PRIVATEMEMORY_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/IR/Argument.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Instructions.h"

namespace distomp {

class PrivateMemory {
public:
  /// Decides the private arguments of Functions (the instrumented versions,
  /// after OpenMP calls are renamed, before accesses are instrumented), of
  /// which Bodies are outlined region bodies and Registered the versions the
  /// runtime hands to calls from other units and indirect calls (callers the
  /// pass cannot see: none of their arguments is private).
  PrivateMemory(llvm::ArrayRef<llvm::Function *> Functions,
                const llvm::DenseSet<llvm::Function *> &Bodies,
                const llvm::DenseSet<llvm::Function *> &Registered);

  bool isPrivateAlloca(const llvm::AllocaInst *AI);
  bool isPrivateArgument(const llvm::Argument *A) const { return PrivateArgs.count(A); }
  unsigned numPrivateArguments() const { return PrivateArgs.size(); }

private:
  llvm::DenseMap<const llvm::AllocaInst *, bool> Allocas; // memoized
  llvm::DenseSet<const llvm::Argument *> PrivateArgs;

  bool passesPrivatePointer(const llvm::CallBase &Call, unsigned ArgNo);
};

} // namespace distomp

#endif
