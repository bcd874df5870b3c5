//===- GlobalRebaser.cpp - Name globals by the master's address -----------===//
#include "GlobalRebaser.h"
#include "RuntimeABI.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/ReplaceConstant.h"

using namespace llvm;

namespace distomp {

bool isSharedGlobal(const GlobalValue &GV) {
  const GlobalVariable *Var = dyn_cast<GlobalVariable>(&GV);
  if (auto *GA = dyn_cast<GlobalAlias>(&GV))
    Var = dyn_cast_or_null<GlobalVariable>(GA->getAliaseeObject());
  if (!Var || Var->isConstant() || Var->isThreadLocal() ||
      Var->getAddressSpace() != 0)
    return false;
  StringRef N = Var->getName();
  return !N.starts_with("llvm.") && !isRuntimeSymbol(N);
}

namespace {

/// Where a replacement for operand U of I must be computed: before I, or for
/// a PHI before the end of the incoming block.
Instruction *insertionPointFor(Instruction *I, unsigned OpNo) {
  if (auto *Phi = dyn_cast<PHINode>(I))
    return Phi->getIncomingBlock(OpNo)->getTerminator();
  return I;
}

} // namespace

/// Walks F's operands, not the globals' use lists: those span the module.
SmallVector<Constant *, 16> sharedGlobalsUsedBy(Function &F) {
  SmallVector<Constant *, 16> Found;
  SmallPtrSet<const Constant *, 32> Seen;
  SmallVector<const Constant *, 16> Work;
  for (Instruction &I : instructions(F))
    for (Value *Op : I.operands())
      if (auto *C = dyn_cast<Constant>(Op); C && Seen.insert(C).second)
        Work.push_back(C);
  while (!Work.empty()) {
    const Constant *C = Work.pop_back_val();
    if (auto *GV = dyn_cast<GlobalValue>(C)) {
      if (isSharedGlobal(*GV))
        Found.push_back(const_cast<GlobalValue *>(GV));
      continue;
    }
    for (const Value *Op : C->operands())
      if (auto *OC = dyn_cast<Constant>(Op); OC && Seen.insert(OC).second)
        Work.push_back(OC);
  }
  return Found;
}

unsigned rebaseGlobals(Function &F, RuntimeABI &RT) {
  // Constant expressions over a shared global (a GEP into an array, say)
  // cannot take a run-time delta: turn them into instructions first.
  SmallVector<Constant *, 16> Shared = sharedGlobalsUsedBy(F);
  if (Shared.empty())
    return 0;
  convertUsersOfConstantsToInstructions(Shared, &F);

  SmallVector<std::pair<Instruction *, unsigned>, 32> Uses;
  for (Instruction &I : instructions(F))
    for (Use &U : I.operands())
      if (auto *GV = dyn_cast<GlobalValue>(U.get()))
        if (isSharedGlobal(*GV))
          Uses.push_back({&I, U.getOperandNo()});
  if (Uses.empty())
    return 0;

  // The delta is loaded once, at entry: it never changes while code runs.
  IRBuilder<> Entry(&*F.getEntryBlock().getFirstInsertionPt());
  LoadInst *Delta = Entry.CreateLoad(RT.IntptrTy, RT.DsoDelta, "distomp.delta");
  Delta->setMetadata(LLVMContext::MD_invariant_load, MDNode::get(RT.Ctx, {}));
  // A global that may bind outside this object (declared here, or defined
  // but preemptible, as in a -fPIC library, where the executable may own a
  // copy) is rebased by the object that holds it.
  auto BindsHere = [](const GlobalValue &GV) {
    return !GV.isDeclaration() && GV.isDSOLocal() && !GV.isInterposable();
  };

  // A PHI may list one predecessor twice; both entries must get one value.
  DenseMap<std::pair<PHINode *, BasicBlock *>, Value *> PhiValues;
  for (auto [I, OpNo] : Uses) {
    auto *GV = cast<GlobalValue>(I->getOperand(OpNo));
    auto *Phi = dyn_cast<PHINode>(I);
    if (Phi) {
      auto It = PhiValues.find({Phi, Phi->getIncomingBlock(OpNo)});
      if (It != PhiValues.end()) {
        I->setOperand(OpNo, It->second);
        continue;
      }
    }
    IRBuilder<> B(insertionPointFor(I, OpNo));
    B.SetCurrentDebugLocation(I->getDebugLoc());
    Value *Rebased =
        !BindsHere(*GV)
            ? B.CreateCall(RT.RebaseExtern, {GV}, GV->getName() + ".master")
            : B.CreateGEP(RT.Int8Ty, GV, Delta, GV->getName() + ".master");
    I->setOperand(OpNo, Rebased);
    if (Phi)
      PhiValues[{Phi, Phi->getIncomingBlock(OpNo)}] = Rebased;
  }
  return Uses.size();
}

} // namespace distomp
