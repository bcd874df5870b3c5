//===- LoopRangeHoisting.h - One range check per loop, not per access -*- C++ -*-===//
//
// The first performance lever of the design: where ScalarEvolution gives an
// access's address as an affine function of the loop's induction variables
// with a computable trip count, the bytes the access touches over the whole
// loop form a range known before the loop starts. One out-of-line range check
// in the preheader then stands for every per-iteration check, and the loop
// body runs with plain loads and stores.
//
// The range is hoisted as far out as the loop nest allows: out of every loop
// that has a preheader, makes no call (a call may synchronize and change page
// states) and whose inner loop runs on each of its iterations. Accesses of one
// base object in one loop a constant distance apart share a check over the
// union of their ranges; others get a check each (up to four per object and
// loop, then they keep their inline checks). A check from the least to the
// greatest of two unrelated ranges would fetch every page between them: a
// periodic stencil's neighbour planes are the two ends of the array on its
// last row.
//
// Correctness never depends on this: page protection mirrors the page-state
// table, so an access to a page that became invalid after the check faults
// and the runtime's fault path serves it.
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_PASS_LOOPRANGEHOISTING_H
#define DISTOMP_PASS_LOOPRANGEHOISTING_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/IR/Function.h"

#include <memory>

namespace distomp {
class RuntimeABI;

/// An access considered for hoisting.
struct HoistCandidate {
  llvm::Instruction *At; ///< the load or store
  llvm::Value *Addr;
  uint64_t Size;
  bool IsWrite;
};

class LoopRangeHoister {
public:
  LoopRangeHoister(llvm::Function &F, RuntimeABI &RT);
  ~LoopRangeHoister();

  /// Takes the candidates whose range can be checked before a loop; returns
  /// true for a taken one (its inline check is no longer needed).
  bool take(const HoistCandidate &C);

  /// Emits the preheader range checks of everything taken. Returns how many.
  unsigned emit();

  /// True if I is inside a loop.
  bool inLoop(const llvm::Instruction &I) const;

private:
  struct Impl;
  std::unique_ptr<Impl> P;
};

} // namespace distomp

#endif
