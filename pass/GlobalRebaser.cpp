//===- GlobalRebaser.cpp - Name globals by the master's address -----------===//
#include "GlobalRebaser.h"
#include "RuntimeABI.h"

#include "llvm/ADT/DenseMap.h"
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

unsigned rebaseGlobals(Function &F, RuntimeABI &RT) {
  // Constant expressions over a shared global (a GEP into an array, say)
  // cannot take a run-time delta: turn them into instructions first.
  SmallVector<Constant *, 16> Shared;
  for (GlobalVariable &GV : F.getParent()->globals())
    if (isSharedGlobal(GV))
      Shared.push_back(&GV);
  for (GlobalAlias &GA : F.getParent()->aliases())
    if (isSharedGlobal(GA))
      Shared.push_back(&GA);
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
  LoadInst *Delta = Entry.CreateLoad(RT.IntptrTy, RT.ImageDelta, "distomp.delta");
  Delta->setMetadata(LLVMContext::MD_invariant_load, MDNode::get(RT.Ctx, {}));

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
        GV->isDeclaration()
            ? B.CreateCall(RT.RebaseExtern, {GV}, GV->getName() + ".master")
            : B.CreateGEP(RT.Int8Ty, GV, Delta, GV->getName() + ".master");
    I->setOperand(OpNo, Rebased);
    if (Phi)
      PhiValues[{Phi, Phi->getIncomingBlock(OpNo)}] = Rebased;
  }
  return Uses.size();
}

} // namespace distomp
