//===- AccessInstrumenter.cpp - Coherence checks on memory accesses -------===//
#include "AccessInstrumenter.h"
#include "LoopRangeHoisting.h"
#include "PrivateMemory.h"
#include "RuntimeABI.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/Support/AtomicOrdering.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"

#include <optional>

using namespace llvm;

namespace distomp {

AccessStats &AccessStats::operator+=(const AccessStats &O) {
  Checks += O.Checks;
  Coalesced += O.Coalesced;
  Hoisted += O.Hoisted;
  RangeChecks += O.RangeChecks;
  Atomics += O.Atomics;
  SkippedPrivate += O.SkippedPrivate;
  SkippedConstant += O.SkippedConstant;
  IndirectCalls += O.IndirectCalls;
  return *this;
}

namespace {

constexpr uint64_t PageSize = 1ull << PageShift;

/// Bytes of an atomic operand the runtime handles, if it does.
std::optional<unsigned> atomicBytes(const Type *T, const DataLayout &DL) {
  if (T->isPointerTy() || T->isFloatTy() || T->isDoubleTy())
    return DL.getTypeStoreSize(const_cast<Type *>(T)).getFixedValue();
  if (auto *IT = dyn_cast<IntegerType>(T)) {
    unsigned Bits = IT->getBitWidth();
    if (Bits == 8 || Bits == 16 || Bits == 32 || Bits == 64)
      return Bits / 8;
  }
  return std::nullopt;
}

/// abi.h's distomp_rmw_op for an LLVM operation, if the runtime has it.
std::optional<unsigned> rmwOpCode(AtomicRMWInst::BinOp Op) {
  switch (Op) {
  case AtomicRMWInst::Xchg: return 0;
  case AtomicRMWInst::Add: return 1;
  case AtomicRMWInst::Sub: return 2;
  case AtomicRMWInst::And: return 3;
  case AtomicRMWInst::Nand: return 4;
  case AtomicRMWInst::Or: return 5;
  case AtomicRMWInst::Xor: return 6;
  case AtomicRMWInst::Max: return 7;
  case AtomicRMWInst::Min: return 8;
  case AtomicRMWInst::UMax: return 9;
  case AtomicRMWInst::UMin: return 10;
  case AtomicRMWInst::FAdd: return 11;
  case AtomicRMWInst::FSub: return 12;
  case AtomicRMWInst::FMax: return 13;
  case AtomicRMWInst::FMin: return 14;
  case AtomicRMWInst::UIncWrap: return 15;
  case AtomicRMWInst::UDecWrap: return 16;
  default: return std::nullopt;
  }
}

/// One inline check to emit: before At, for [Addr, Addr+Size). Accesses
/// through one base pointer at constant offsets (the fields of a struct)
/// share a check: while collecting, Base and the span [Lo, Hi) relative to it
/// grow; materializeSpan() then turns them into Addr and Size.
struct Check {
  Instruction *At;
  Value *Addr;
  uint64_t Size;
  Value *Base = nullptr;
  int64_t Lo = 0, Hi = 0;
  bool MayCrossPage;
  bool IsWrite;
  bool PlainAccess; ///< a load or store, which a loop range may cover
  bool OutOfLine = false; ///< runs once per call: a range call is enough

  Check(Instruction *At, Value *Addr, uint64_t Size, bool MayCrossPage, bool IsWrite,
        bool PlainAccess)
      : At(At), Addr(Addr), Size(Size), MayCrossPage(MayCrossPage), IsWrite(IsWrite),
        PlainAccess(PlainAccess) {}
};

class Instrumenter {
public:
  Instrumenter(Function &F, RuntimeABI &RT, bool IsRegionBody, const TargetLibraryInfo &TLI,
               PrivateMemory &Private)
      : F(F), RT(RT), DL(F.getParent()->getDataLayout()), IsRegionBody(IsRegionBody),
        TLI(TLI), Private(Private) {}

  AccessStats run(bool WithChecks) {
    for (BasicBlock &BB : F)
      collect(BB);
    if (!WithChecks) { // atomics and indirect calls only: faults serve the rest
      Checks.clear();
      RangeChecks.clear();
      GatherScatter.clear();
    }
    for (Check &C : Checks)
      materializeSpan(C);
    hoistOutOfLoops();
    for (Instruction *I : Atomics)
      lowerAtomic(I);
    for (const Check &C : Checks)
      emitCheck(C);
    for (auto [I, Addr, Size, IsWrite] : RangeChecks)
      emitRangeCheck(I, Addr, Size, IsWrite);
    for (IntrinsicInst *II : GatherScatter)
      emitLaneChecks(II);
    for (CallBase *CB : IndirectCalls)
      translateCallee(CB);
    return Stats;
  }

private:
  Function &F;
  RuntimeABI &RT;
  const DataLayout &DL;
  bool IsRegionBody;
  const TargetLibraryInfo &TLI;
  PrivateMemory &Private;
  AccessStats Stats;

  SmallVector<Check, 32> Checks;
  SmallVector<std::tuple<Instruction *, Value *, Value *, bool>, 8> RangeChecks;
  SmallVector<Instruction *, 8> Atomics;
  SmallVector<IntrinsicInst *, 4> GatherScatter;
  SmallVector<CallBase *, 4> IndirectCalls;

  //===-- Which addresses need a check --------------------------------===//

  /// True if accesses through Addr need no check; counts why.
  bool skip(const Value *Addr) {
    if (Addr->getType()->getPointerAddressSpace() != 0) {
      ++Stats.SkippedPrivate;
      return true;
    }
    const Value *Obj = getUnderlyingObject(Addr, /*MaxLookup=*/0);
    if (auto *AI = dyn_cast<AllocaInst>(Obj); AI && Private.isPrivateAlloca(AI)) {
      ++Stats.SkippedPrivate;
      return true;
    }
    if (auto *A = dyn_cast<Argument>(Obj); A && Private.isPrivateArgument(A)) {
      ++Stats.SkippedPrivate; // thread ids, a helper's pointer to its caller's frame
      return true;
    }
    if (auto *GV = dyn_cast<GlobalVariable>(Obj)) {
      if (GV->isConstant()) {
        ++Stats.SkippedConstant;
        return true;
      }
      if (GV->isThreadLocal() || isRuntimeSymbol(GV->getName())) {
        ++Stats.SkippedPrivate;
        return true;
      }
    }
    return false;
  }

  //===-- Collection ---------------------------------------------------===//

  /// Walks one block in order. Plain accesses to one address between two
  /// synchronization points form a group checked once, by its first access,
  /// as a write if any member writes: a page the runtime made valid stays
  /// valid until this thread synchronizes (another thread's invalidation is
  /// caught by the page protection, which mirrors the shadow).
  void collect(BasicBlock &BB) {
    DenseMap<const Value *, size_t> Group; // base pointer -> index in Checks
    for (Instruction &I : BB) {
      if (auto *LI = dyn_cast<LoadInst>(&I)) {
        if (LI->isAtomic())
          addAtomic(I, LI->getPointerOperand()), Group.clear();
        else
          addAccess(Group, I, LI->getPointerOperand(), LI->getType(), LI->getAlign(), false);
      } else if (auto *SI = dyn_cast<StoreInst>(&I)) {
        if (SI->isAtomic())
          addAtomic(I, SI->getPointerOperand()), Group.clear();
        else
          addAccess(Group, I, SI->getPointerOperand(), SI->getValueOperand()->getType(),
                    SI->getAlign(), true);
      } else if (auto *RMW = dyn_cast<AtomicRMWInst>(&I)) {
        addAtomic(I, RMW->getPointerOperand()), Group.clear();
      } else if (auto *CX = dyn_cast<AtomicCmpXchgInst>(&I)) {
        addAtomic(I, CX->getPointerOperand()), Group.clear();
      } else if (isa<FenceInst>(&I)) {
        Group.clear();
      } else if (auto *CB = dyn_cast<CallBase>(&I)) {
        collectCall(*CB);
        if (maySynchronize(*CB, TLI))
          Group.clear();
      }
    }
  }

  void addAccess(DenseMap<const Value *, size_t> &Group, Instruction &I, Value *Addr,
                 Type *Ty, Align A, bool IsWrite) {
    if (skip(Addr))
      return;
    TypeSize TS = DL.getTypeStoreSize(Ty);
    if (addRangeIfTooLarge(I, Addr, TS, IsWrite))
      return;
    uint64_t Size = TS.getFixedValue();
    bool MayCross = Size > 1 && A.value() < Size;
    APInt Off(DL.getIndexTypeSizeInBits(Addr->getType()), 0);
    Value *Base = Addr->stripAndAccumulateConstantOffsets(DL, Off, /*AllowNonInbounds=*/true);
    int64_t Lo = Off.getSExtValue(), Hi = Lo + int64_t(Size);
    auto It = Group.find(Base);
    if (It != Group.end()) {
      Check &Leader = Checks[It->second];
      int64_t NLo = std::min(Leader.Lo, Lo), NHi = std::max(Leader.Hi, Hi);
      // One page at most: a check looks at the first and the last page only.
      if (uint64_t(NHi - NLo) <= PageSize) {
        Leader.Lo = NLo;
        Leader.Hi = NHi;
        Leader.IsWrite |= IsWrite;
        Leader.MayCrossPage |= MayCross || NLo != Lo || NHi != Hi;
        ++Stats.Coalesced;
        return;
      }
    }
    Group[Base] = Checks.size();
    Checks.emplace_back(&I, Addr, Size, MayCross, IsWrite, true);
    Checks.back().Base = Base;
    Checks.back().Lo = Lo;
    Checks.back().Hi = Hi;
  }

  /// Turns a grouped check into a plain one over the group's span: the
  /// address of its lowest byte, computed before the group's first access.
  void materializeSpan(Check &C) {
    if (!C.Base)
      return;
    uint64_t Size = uint64_t(C.Hi - C.Lo);
    if (Size != C.Size) {
      IRBuilder<> B(C.At);
      C.Addr = B.CreateConstGEP1_64(RT.Int8Ty, C.Base, C.Lo, "distomp.span");
      C.Size = Size;
    }
    C.Base = nullptr;
  }

  void addAtomic(Instruction &I, Value *Addr) {
    if (skip(Addr))
      return;
    Atomics.push_back(&I);
  }

  void collectCall(CallBase &CB) {
    if (auto *MT = dyn_cast<AnyMemTransferInst>(&CB)) {
      addRange(CB, MT->getRawDest(), MT->getLength(), true);
      addRange(CB, MT->getRawSource(), MT->getLength(), false);
      return;
    }
    if (auto *MS = dyn_cast<AnyMemSetInst>(&CB)) {
      addRange(CB, MS->getRawDest(), MS->getLength(), true);
      return;
    }
    if (auto *II = dyn_cast<IntrinsicInst>(&CB)) {
      collectMasked(*II);
      return;
    }
    if (CB.isIndirectCall() && !CB.isInlineAsm())
      IndirectCalls.push_back(&CB);
  }

  void addRange(Instruction &I, Value *Addr, Value *Len, bool IsWrite) {
    if (!skip(Addr))
      RangeChecks.push_back({&I, Addr, Len, IsWrite});
  }

  /// An access of more than a page (or of a scalable size) is more than the
  /// two shadow bytes of an inline check can cover: it gets a range check.
  bool addRangeIfTooLarge(Instruction &I, Value *Addr, TypeSize TS, bool IsWrite) {
    if (!TS.isScalable() && TS.getFixedValue() <= PageSize)
      return false;
    IRBuilder<> B(&I);
    RangeChecks.push_back({&I, Addr, B.CreateTypeSize(RT.Int64Ty, TS), IsWrite});
    return true;
  }

  void collectMasked(IntrinsicInst &II) {
    auto contiguous = [&](Value *Ptr, Type *VecTy, bool IsWrite) {
      if (skip(Ptr))
        return;
      TypeSize TS = DL.getTypeStoreSize(VecTy);
      if (addRangeIfTooLarge(II, Ptr, TS, IsWrite))
        return;
      // Lanes the mask turns off may lie on another page: check both ends.
      Checks.emplace_back(&II, Ptr, TS.getFixedValue(), true, IsWrite, false);
    };
    switch (II.getIntrinsicID()) {
    case Intrinsic::masked_load:
    case Intrinsic::masked_expandload:
      return contiguous(II.getArgOperand(0), II.getType(), false);
    case Intrinsic::masked_store:
    case Intrinsic::masked_compressstore:
      return contiguous(II.getArgOperand(1), II.getArgOperand(0)->getType(), true);
    case Intrinsic::masked_gather:
    case Intrinsic::masked_scatter:
      // Scalable gathers stay with the page-fault path: their lanes cannot be
      // enumerated at compile time.
      if (isa<FixedVectorType>(II.getType()->isVoidTy() ? II.getArgOperand(0)->getType()
                                                         : II.getType()))
        GatherScatter.push_back(&II);
      return;
    default:
      return;
    }
  }

  //===-- Emission -----------------------------------------------------===//

  /// Replaces the inline checks of affine accesses in loops by one range
  /// check per loop and base object, in the loop's preheader. Runs before any
  /// other emission: it needs the CFG as the optimizer left it.
  void hoistOutOfLoops() {
    // An unoptimized (-O0, optnone) function keeps its induction variables in
    // memory, where ScalarEvolution sees no loop to hoist out of; and nobody
    // builds it for speed: every check is a call, the smallest code.
    if (F.hasOptNone()) {
      for (Check &C : Checks)
        C.OutOfLine = true;
      return;
    }
    bool AnyLoop = false;
    for (const Check &C : Checks)
      AnyLoop |= C.PlainAccess;
    if (!AnyLoop)
      return;
    LoopRangeHoister H(F, RT);
    SmallVector<Check, 32> Kept;
    for (Check &C : Checks) {
      if (C.PlainAccess && H.take({C.At, C.Addr, C.Size, C.IsWrite})) {
        ++Stats.Hoisted;
        continue;
      }
      // A region body's straight-line code runs once per thread and region
      // (loading its captured variables, mostly): an inline fast path buys
      // nothing there and costs code size, so it calls the range check.
      C.OutOfLine = IsRegionBody && !H.inLoop(*C.At);
      Kept.push_back(C);
    }
    Stats.RangeChecks += H.emit();
    Checks = std::move(Kept);
  }

  Value *shadowByte(IRBuilder<> &B, Value *AddrInt) {
    Value *Page = B.CreateLShr(AddrInt, PageShift);
    Value *Slot = B.CreateAdd(Page, ConstantInt::get(RT.IntptrTy, ShadowOffset));
    return B.CreateLoad(RT.Int8Ty, B.CreateIntToPtr(Slot, RT.PtrTy), "distomp.shadow");
  }

  Value *missCondition(IRBuilder<> &B, Value *Shadow, bool IsWrite) {
    return IsWrite ? B.CreateICmpNE(Shadow, ConstantInt::get(RT.Int8Ty, PageWritable))
                   : B.CreateICmpUGT(Shadow, ConstantInt::get(RT.Int8Ty, PageReadOnly));
  }

  Instruction *branchOnMiss(Value *Miss, Instruction *Before) {
    MDNode *Unlikely = MDBuilder(RT.Ctx).createUnlikelyBranchWeights();
    return SplitBlockAndInsertIfThen(Miss, Before->getIterator(), false, Unlikely);
  }

  void emitCheck(const Check &C) {
    Value *Addr = C.Addr;
    uint64_t Size = C.Size;
    if (C.OutOfLine) {
      emitRangeCheck(C.At, Addr, ConstantInt::get(RT.Int64Ty, Size), C.IsWrite);
      return;
    }
    IRBuilder<> B(C.At);
    Value *A = B.CreatePtrToInt(Addr, RT.IntptrTy);
    Value *S = shadowByte(B, A);
    if (C.MayCrossPage) {
      Value *Last = shadowByte(B, B.CreateAdd(A, ConstantInt::get(RT.IntptrTy, Size - 1)));
      S = B.CreateOr(S, Last);
    }
    Instruction *Then = branchOnMiss(missCondition(B, S, C.IsWrite), C.At);
    IRBuilder<> TB(Then);
    TB.SetCurrentDebugLocation(C.At->getDebugLoc());
    TB.CreateCall(C.IsWrite ? RT.StoreMiss : RT.LoadMiss,
                  {Addr, ConstantInt::get(RT.Int64Ty, Size)});
    ++Stats.Checks;
  }

  void emitRangeCheck(Instruction *I, Value *Addr, Value *Len, bool IsWrite) {
    IRBuilder<> B(I);
    B.CreateCall(IsWrite ? RT.StoreRange : RT.LoadRange,
                 {Addr, B.CreateZExtOrTrunc(Len, RT.Int64Ty)});
    ++Stats.RangeChecks;
  }

  /// Gather/scatter: one combined test over every active lane's shadow, then
  /// a range check per lane on the rare miss.
  void emitLaneChecks(IntrinsicInst *II) {
    bool IsWrite = II->getIntrinsicID() == Intrinsic::masked_scatter;
    Value *Ptrs = II->getArgOperand(IsWrite ? 1 : 0);
    Value *Mask = II->getArgOperand(IsWrite ? 3 : 2);
    auto *VT = cast<FixedVectorType>(Ptrs->getType());
    Type *EltTy = IsWrite ? cast<VectorType>(II->getArgOperand(0)->getType())->getElementType()
                          : cast<VectorType>(II->getType())->getElementType();
    uint64_t EltSize = DL.getTypeStoreSize(EltTy).getFixedValue();
    IRBuilder<> B(II);
    SmallVector<Value *, 16> Lanes;
    Value *Combined = nullptr;
    Constant *Null = ConstantPointerNull::get(RT.PtrTy);
    for (unsigned L = 0; L < VT->getNumElements(); ++L) {
      // One statement per instruction: argument evaluation order is
      // unspecified, and the emitted order must not depend on the compiler.
      Value *Active = B.CreateExtractElement(Mask, L);
      Value *Lane = B.CreateExtractElement(Ptrs, L);
      Value *P = B.CreateSelect(Active, Lane, Null);
      Lanes.push_back(P);
      Value *A = B.CreatePtrToInt(P, RT.IntptrTy);
      Value *First = shadowByte(B, A);
      Value *Last = shadowByte(B, B.CreateAdd(A, ConstantInt::get(RT.IntptrTy, EltSize - 1)));
      Value *S = B.CreateOr(First, Last);
      Combined = Combined ? B.CreateOr(Combined, S) : S;
    }
    Instruction *Then = branchOnMiss(missCondition(B, Combined, IsWrite), II);
    IRBuilder<> TB(Then);
    for (Value *P : Lanes)
      TB.CreateCall(IsWrite ? RT.StoreRange : RT.LoadRange,
                    {P, ConstantInt::get(RT.Int64Ty, EltSize)});
    ++Stats.Checks;
  }

  //===-- Atomics ------------------------------------------------------===//

  Value *toWord(IRBuilder<> &B, Value *V) {
    Type *T = V->getType();
    if (T->isPointerTy())
      return B.CreatePtrToInt(V, RT.Int64Ty);
    if (T->isFloatingPointTy())
      V = B.CreateBitCast(V, B.getIntNTy(T->getPrimitiveSizeInBits()));
    return B.CreateZExt(V, RT.Int64Ty);
  }

  Value *fromWord(IRBuilder<> &B, Value *W, Type *T) {
    if (T->isPointerTy())
      return B.CreateIntToPtr(W, T);
    if (T->isFloatingPointTy())
      return B.CreateBitCast(B.CreateTrunc(W, B.getIntNTy(T->getPrimitiveSizeInBits())), T);
    return B.CreateTrunc(W, T);
  }

  Constant *ordering(AtomicOrdering O) {
    return ConstantInt::get(RT.Int32Ty, static_cast<uint32_t>(toCABI(O)));
  }

  /// `#pragma omp atomic` updates without capture: x += v, x |= v, x = max(x, v)...
  static bool isCombinableUpdate(const AtomicRMWInst &RMW) {
    if (!RMW.use_empty() || RMW.isVolatile() ||
        (RMW.getOrdering() != AtomicOrdering::Monotonic &&
         RMW.getOrdering() != AtomicOrdering::Unordered))
      return false;
    switch (RMW.getOperation()) {
    case AtomicRMWInst::Add:
    case AtomicRMWInst::Sub:
    case AtomicRMWInst::And:
    case AtomicRMWInst::Or:
    case AtomicRMWInst::Xor:
    case AtomicRMWInst::Max:
    case AtomicRMWInst::Min:
    case AtomicRMWInst::UMax:
    case AtomicRMWInst::UMin:
      return RMW.getValOperand()->getType()->isIntegerTy();
    default:
      return false;
    }
  }

  void lowerAtomic(Instruction *I) {
    IRBuilder<> B(I);
    Value *Result = nullptr;
    if (auto *LI = dyn_cast<LoadInst>(I)) {
      unsigned Size = *atomicBytes(LI->getType(), DL);
      Value *W = B.CreateCall(RT.AtomicLoad, {LI->getPointerOperand(), B.getInt32(Size),
                                              ordering(LI->getOrdering())});
      Result = fromWord(B, W, LI->getType());
    } else if (auto *SI = dyn_cast<StoreInst>(I)) {
      Value *V = SI->getValueOperand();
      unsigned Size = *atomicBytes(V->getType(), DL);
      B.CreateCall(RT.AtomicStore, {SI->getPointerOperand(), toWord(B, V), B.getInt32(Size),
                                    ordering(SI->getOrdering())});
    } else if (auto *RMW = dyn_cast<AtomicRMWInst>(I); RMW && isCombinableUpdate(*RMW)) {
      // Relaxed, its old value unused, an integer operation that combines:
      // the runtime may gather it with the process's other updates of the
      // place until its next release (abi.h).
      Value *V = RMW->getValOperand();
      B.CreateCall(RT.AtomicUpdate, {RMW->getPointerOperand(), toWord(B, V),
                                     B.getInt32(*rmwOpCode(RMW->getOperation())),
                                     B.getInt32(*atomicBytes(V->getType(), DL))});
    } else if (auto *RMW = dyn_cast<AtomicRMWInst>(I)) {
      Value *V = RMW->getValOperand();
      unsigned Size = *atomicBytes(V->getType(), DL);
      Value *W = B.CreateCall(RT.AtomicRMW,
                              {RMW->getPointerOperand(), toWord(B, V),
                               B.getInt32(*rmwOpCode(RMW->getOperation())), B.getInt32(Size),
                               ordering(RMW->getOrdering())});
      Result = fromWord(B, W, RMW->getType());
    } else {
      auto *CX = cast<AtomicCmpXchgInst>(I);
      Type *T = CX->getCompareOperand()->getType();
      unsigned Size = *atomicBytes(T, DL);
      Value *Expected = toWord(B, CX->getCompareOperand());
      Value *Old = B.CreateCall(RT.AtomicCmpXchg,
                                {CX->getPointerOperand(), Expected,
                                 toWord(B, CX->getNewValOperand()), B.getInt32(Size),
                                 ordering(CX->getSuccessOrdering()),
                                 ordering(CX->getFailureOrdering())});
      Value *Pair = UndefValue::get(CX->getType());
      Pair = B.CreateInsertValue(Pair, fromWord(B, Old, T), 0);
      Pair = B.CreateInsertValue(Pair, B.CreateICmpEQ(Old, Expected), 1);
      Result = Pair;
    }
    if (Result)
      I->replaceAllUsesWith(Result);
    I->eraseFromParent();
    ++Stats.Atomics;
  }

  //===-- Indirect calls -----------------------------------------------===//

  void translateCallee(CallBase *CB) {
    IRBuilder<> B(CB);
    CB->setCalledOperand(B.CreateCall(RT.TranslateCode, {CB->getCalledOperand()}));
    ++Stats.IndirectCalls;
  }
};

} // namespace

bool isDistributableAtomic(const Instruction &I) {
  const DataLayout &DL = I.getModule()->getDataLayout();
  if (auto *LI = dyn_cast<LoadInst>(&I))
    return !LI->isAtomic() || atomicBytes(LI->getType(), DL);
  if (auto *SI = dyn_cast<StoreInst>(&I))
    return !SI->isAtomic() || atomicBytes(SI->getValueOperand()->getType(), DL);
  if (auto *RMW = dyn_cast<AtomicRMWInst>(&I)) {
    Type *T = RMW->getValOperand()->getType();
    if (!atomicBytes(T, DL) || !rmwOpCode(RMW->getOperation()))
      return false;
    if (RMW->isFloatingPointOperation()) // fadd, fsub, fmax, fmin
      return T->isFloatTy() || T->isDoubleTy();
    // On a floating-point value, only xchg is an integer-style operation.
    return !T->isFloatingPointTy() || RMW->getOperation() == AtomicRMWInst::Xchg;
  }
  if (auto *CX = dyn_cast<AtomicCmpXchgInst>(&I))
    return atomicBytes(CX->getCompareOperand()->getType(), DL).has_value();
  return true;
}

AccessStats instrumentAccesses(Function &F, RuntimeABI &RT, bool IsRegionBody,
                               const TargetLibraryInfo &TLI, PrivateMemory &Private,
                               bool WithChecks) {
  return Instrumenter(F, RT, IsRegionBody, TLI, Private).run(WithChecks);
}

} // namespace distomp
