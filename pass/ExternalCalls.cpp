//===- ExternalCalls.cpp - Calls into other units, resolved at run time ---===//
#include "ExternalCalls.h"
#include "Regions.h"
#include "RuntimeABI.h"

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"

using namespace llvm;

namespace distomp {
namespace {

/// The module's slot for Callee's resolved target: a private pointer, null
/// until the first call in this process.
GlobalVariable *slotFor(RuntimeABI &RT, Function &Callee) {
  std::string Name = ("__distomp_slot." + Callee.getName()).str();
  if (GlobalVariable *GV = RT.M.getGlobalVariable(Name, /*AllowInternal=*/true))
    return GV;
  auto *GV = new GlobalVariable(RT.M, RT.PtrTy, /*isConstant=*/false,
                                GlobalValue::InternalLinkage,
                                ConstantPointerNull::get(RT.PtrTy), Name);
  GV->setAlignment(Align(8));
  return GV;
}

void rewrite(CallBase &CB, RuntimeABI &RT) {
  Function &Callee = *CB.getCalledFunction();
  GlobalVariable *Slot = slotFor(RT, Callee);
  IRBuilder<> B(&CB);
  LoadInst *Known = B.CreateAlignedLoad(RT.PtrTy, Slot, Align(8), "distomp.target");
  Value *Missing = B.CreateIsNull(Known);
  Instruction *Then = SplitBlockAndInsertIfThen(
      Missing, &CB, /*Unreachable=*/false, MDBuilder(RT.Ctx).createUnlikelyBranchWeights());
  B.SetInsertPoint(Then);
  B.SetCurrentDebugLocation(CB.getDebugLoc());
  CallInst *Resolved = B.CreateCall(RT.ResolveCall, {&Callee}, "distomp.resolved");
  B.CreateAlignedStore(Resolved, Slot, Align(8));
  B.SetInsertPoint(&CB);
  PHINode *Target = B.CreatePHI(RT.PtrTy, 2, "distomp.callee");
  Target->addIncoming(Known, Known->getParent());
  Target->addIncoming(Resolved, Then->getParent());
  CB.setCalledOperand(Target);
}

} // namespace

unsigned resolveExternalCalls(Function &F, RuntimeABI &RT, const TargetLibraryInfo &TLI) {
  SmallVector<CallBase *, 8> Calls;
  for (Instruction &I : instructions(F))
    if (auto *CB = dyn_cast<CallBase>(&I))
      if (Function *Callee = CB->getCalledFunction())
        if (!CB->isInlineAsm() && isResolvedAtRunTime(*Callee, TLI))
          Calls.push_back(CB);
  for (CallBase *CB : Calls)
    rewrite(*CB, RT);
  return Calls.size();
}

} // namespace distomp
