//===- LoopRangeHoisting.cpp - One range check per loop, not per access ---===//
#include "LoopRangeHoisting.h"
#include "RuntimeABI.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/Analysis/AssumptionCache.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/ScalarEvolutionExpressions.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/TargetParser/Triple.h"
#include "llvm/Transforms/Utils/LoopSimplify.h"
#include "llvm/Transforms/Utils/ScalarEvolutionExpander.h"

#include <optional>

using namespace llvm;

namespace distomp {

struct LoopRangeHoister::Impl {
  Function &F;
  RuntimeABI &RT;
  DominatorTree DT;
  LoopInfo LI;
  TargetLibraryInfoImpl TLII;
  TargetLibraryInfo TLI;
  AssumptionCache AC;
  bool Simplified; // must precede SE: SE is built over the simplified loops
  ScalarEvolution SE;
  SCEVExpander Exp; // probes what can be expanded where, then expands
  DenseMap<const Loop *, bool> CallFree;

  /// Bytes [Lo, End) touched through one base object in one loop.
  struct Range {
    const SCEV *Lo, *End;
    bool IsWrite;
    Instruction *At; // for the debug location
  };
  /// The ranges of one base object in one loop. Accesses a constant
  /// distance apart (neighbouring elements, unrolled copies) share one;
  /// others keep their own: a stencil's periodic neighbour planes
  /// a[(i+1)%n] and a[(i+n-1)%n] are two planes on most iterations and both
  /// ends of the array on the last, and one range from the lesser to the
  /// greater would fetch everything between.
  static constexpr unsigned MaxRangesPerBase = 4;
  MapVector<std::pair<const Loop *, const SCEV *>, SmallVector<Range, 2>> Ranges;

  Impl(Function &F, RuntimeABI &RT)
      : F(F), RT(RT), DT(F), LI(DT), TLII(Triple(F.getParent()->getTargetTriple())),
        TLI(TLII, &F), AC(F), Simplified(simplifyLoops()), SE(F, TLI, AC, DT, LI),
        Exp(SE, F.getParent()->getDataLayout(), "distomp.range") {}

  /// At the end of the pipeline loops need not be in simplified form; a range
  /// check needs a preheader to live in, so give every loop one.
  bool simplifyLoops() {
    bool Changed = false;
    for (Loop *L : LI)
      Changed |= simplifyLoop(L, &DT, &LI, nullptr, &AC, nullptr, /*PreserveLCSSA=*/false);
    return Changed;
  }

  /// A loop whose body calls nothing that could synchronize.
  bool isCallFree(const Loop *L) {
    auto [It, New] = CallFree.try_emplace(L, true);
    if (New)
      for (BasicBlock *BB : L->blocks())
        for (Instruction &I : *BB)
          if (auto *CB = dyn_cast<CallBase>(&I); CB && maySynchronize(*CB, TLI))
            It->second = false;
    return It->second;
  }

  /// The extreme (least if WantMin, else greatest) value X takes over L's
  /// iterations, as an expression valid in L's preheader.
  const SCEV *extreme(const SCEV *X, const Loop *L, bool WantMin) {
    if (SE.isLoopInvariant(X, L))
      return X;
    auto *AR = dyn_cast<SCEVAddRecExpr>(X);
    if (!AR || AR->getLoop() != L || !AR->isAffine())
      return nullptr;
    const SCEV *BTC = SE.getBackedgeTakenCount(L);
    if (isa<SCEVCouldNotCompute>(BTC))
      return nullptr;
    const SCEV *Start = AR->getStart();
    const SCEV *Last = AR->evaluateAtIteration(BTC, SE);
    const SCEV *Step = AR->getStepRecurrence(SE);
    if (SE.isKnownNonNegative(Step))
      return WantMin ? Start : Last;
    if (SE.isKnownNonPositive(Step))
      return WantMin ? Last : Start;
    return WantMin ? SE.getUMinExpr(Start, Last) : SE.getUMaxExpr(Start, Last);
  }

  bool take(const HoistCandidate &C) {
    BasicBlock *BB = C.At->getParent();
    Loop *Inner = LI.getLoopFor(BB);
    // Only accesses made on every iteration: a conditional one could widen
    // the range to bytes the program never touches.
    if (!Inner || !Inner->getLoopLatch() || !DT.dominates(BB, Inner->getLoopLatch()))
      return false;
    const SCEV *S = SE.getSCEV(C.Addr);
    const SCEV *Base = SE.getPointerBase(S);
    S = SE.getPtrToIntExpr(S, RT.IntptrTy);
    if (isa<SCEVCouldNotCompute>(S))
      return false;
    const SCEV *Lo = S, *Hi = S;
    const Loop *Best = nullptr;
    for (const Loop *L = Inner; L; L = L->getParentLoop()) {
      BasicBlock *Pre = L->getLoopPreheader();
      if (!Pre || !isCallFree(L))
        break;
      const SCEV *NLo = extreme(Lo, L, true), *NHi = extreme(Hi, L, false);
      if (!NLo || !NHi)
        break;
      if (!Exp.isSafeToExpandAt(NLo, Pre->getTerminator()) ||
          !Exp.isSafeToExpandAt(NHi, Pre->getTerminator()))
        break;
      Lo = NLo;
      Hi = NHi;
      Best = L;
      const Loop *Parent = L->getParentLoop();
      if (Parent && (!Parent->getLoopLatch() ||
                     !DT.dominates(L->getHeader(), Parent->getLoopLatch())))
        break; // this loop is skipped on some outer iterations
    }
    if (!Best)
      return false;
    const SCEV *End = SE.getAddExpr(Hi, SE.getConstant(RT.IntptrTy, C.Size));
    SmallVector<Range, 2> &Known = Ranges[{Best, Base}];
    for (Range &R : Known) {
      const SCEV *NewLo = bound(R.Lo, Lo, /*WantMin=*/true);
      const SCEV *NewEnd = bound(R.End, End, /*WantMin=*/false);
      if (!NewLo || !NewEnd)
        continue;
      R.Lo = NewLo;
      R.End = NewEnd;
      if (C.IsWrite && !R.IsWrite)
        R.At = C.At; // a store check names a store's line (race reports)
      R.IsWrite |= C.IsWrite;
      return true;
    }
    if (Known.size() == MaxRangesPerBase)
      return false; // checked where it is
    Known.push_back(Range{Lo, End, C.IsWrite, C.At});
    return true;
  }

  /// min or max of two addresses in one object, where they differ by a
  /// constant (neighbouring elements, unrolled copies of one access): one of
  /// them, as addresses within an object do not wrap. Otherwise null: the
  /// two are kept apart.
  const SCEV *bound(const SCEV *A, const SCEV *B, bool WantMin) {
    auto *D = dyn_cast<SCEVConstant>(SE.getMinusSCEV(B, A));
    if (!D)
      return nullptr;
    bool BIsLess = D->getAPInt().isNegative();
    return WantMin == BIsLess ? B : A;
  }

  unsigned emit() {
    unsigned Emitted = 0;
    for (auto &[Key, Known] : Ranges)
      for (const Range &R : Known) {
        emitCheck(Key.first->getLoopPreheader()->getTerminator(), R);
        ++Emitted;
      }
    return Emitted;
  }

  /// One range check of R before Term.
  void emitCheck(Instruction *Term, const Range &R) {
    Value *Lo = Exp.expandCodeFor(R.Lo, RT.IntptrTy, Term);
    IRBuilder<> B(Term);
    B.SetCurrentDebugLocation(R.At->getDebugLoc());
    Value *Len;
    if (auto *C = dyn_cast<SCEVConstant>(SE.getMinusSCEV(R.End, R.Lo))) {
      Len = ConstantInt::get(RT.IntptrTy, C->getAPInt().getZExtValue()); // invariant address
    } else {
      Value *End = Exp.expandCodeFor(R.End, RT.IntptrTy, Term);
      B.SetInsertPoint(Term);
      // An address expression that wraps must not turn into a huge length.
      Len = B.CreateSelect(B.CreateICmpUGT(End, Lo), B.CreateSub(End, Lo),
                           ConstantInt::get(RT.IntptrTy, 0), "distomp.range.len");
    }
    B.CreateCall(R.IsWrite ? RT.StoreRange : RT.LoadRange,
                 {B.CreateIntToPtr(Lo, RT.PtrTy), Len});
  }
};

LoopRangeHoister::LoopRangeHoister(Function &F, RuntimeABI &RT)
    : P(std::make_unique<Impl>(F, RT)) {}
LoopRangeHoister::~LoopRangeHoister() = default;
bool LoopRangeHoister::take(const HoistCandidate &C) { return P->take(C); }
unsigned LoopRangeHoister::emit() { return P->emit(); }
bool LoopRangeHoister::inLoop(const Instruction &I) const {
  return P->LI.getLoopFor(I.getParent()) != nullptr;
}

} // namespace distomp
