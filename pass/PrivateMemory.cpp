//===- PrivateMemory.cpp - Memory only the running thread reaches ---------===//
#include "PrivateMemory.h"
#include "RuntimeABI.h"

#include "llvm/Analysis/CaptureTracking.h"
#include "llvm/Analysis/ValueTracking.h"

using namespace llvm;

namespace distomp {
namespace {

/// Capture tracking that knows the runtime: an alloca whose address is only
/// handed to __distomp_* calls (loop bounds) or stored into another such
/// alloca (the pointer list of a reduction) stays private: the runtime does
/// not keep the pointers it is given.
class RuntimeAwareCaptureTracker : public CaptureTracker {
public:
  explicit RuntimeAwareCaptureTracker(PrivateMemory &Private) : Private(Private) {}
  bool Captured = false;

  void tooManyUses() override { Captured = true; }
  bool captured(const Use *U) override {
    if (auto *CB = dyn_cast<CallBase>(U->getUser()))
      if (Function *Callee = CB->getCalledFunction())
        if (CB->isArgOperand(U) && isRuntimeSymbol(Callee->getName()))
          return false;
    if (auto *SI = dyn_cast<StoreInst>(U->getUser()))
      if (U->getOperandNo() == 0 && !SI->isVolatile())
        if (auto *Dst = dyn_cast<AllocaInst>(getUnderlyingObject(SI->getPointerOperand())))
          if (Private.isPrivateAlloca(Dst))
            return false;
    Captured = true;
    return true;
  }

private:
  PrivateMemory &Private;
};

/// Every use of F is a direct call (nothing else can pass it a pointer).
bool onlyCalledDirectly(const Function &F) {
  for (const Use &U : F.uses()) {
    auto *CB = dyn_cast<CallBase>(U.getUser());
    if (!CB || !CB->isCallee(&U))
      return false;
  }
  return true;
}

} // namespace

bool PrivateMemory::isPrivateAlloca(const AllocaInst *AI) {
  // An alloca under analysis counts as captured, which ends cycles
  // conservatively.
  auto [It, New] = Allocas.try_emplace(AI, false);
  if (!New)
    return It->second;
  RuntimeAwareCaptureTracker T(*this);
  PointerMayBeCaptured(AI, &T);
  return Allocas[AI] = !T.Captured;
}

bool PrivateMemory::passesPrivatePointer(const CallBase &Call, unsigned ArgNo) {
  if (ArgNo >= Call.arg_size())
    return false;
  const Value *Obj = getUnderlyingObject(Call.getArgOperand(ArgNo), /*MaxLookup=*/0);
  if (auto *AI = dyn_cast<AllocaInst>(Obj))
    return isPrivateAlloca(AI);
  if (auto *A = dyn_cast<Argument>(Obj))
    return PrivateArgs.count(A);
  return false;
}

PrivateMemory::PrivateMemory(ArrayRef<Function *> Functions, const DenseSet<Function *> &Bodies,
                             const DenseSet<Function *> &Registered) {
  // Optimistic start: every pointer argument of a local function that only
  // direct calls reach; then drop each one some call site fails, until none
  // changes. A recursive helper passing its argument on keeps it.
  SmallVector<Function *, 16> Helpers;
  for (Function *F : Functions) {
    if (Bodies.count(F)) {
      for (unsigned I = 0; I < 2 && I < F->arg_size(); ++I)
        PrivateArgs.insert(F->getArg(I)); // the global and bound thread ids
    } else if (F->hasLocalLinkage() && !F->isDeclaration() && onlyCalledDirectly(*F) &&
               !Registered.count(F)) {
      Helpers.push_back(F);
      for (Argument &A : F->args())
        if (A.getType()->isPointerTy())
          PrivateArgs.insert(&A);
    }
  }
  bool Changed = true;
  while (Changed) {
    Changed = false;
    for (Function *F : Helpers)
      for (Argument &A : F->args()) {
        if (!PrivateArgs.count(&A))
          continue;
        bool AllPrivate = llvm::all_of(F->uses(), [&](const Use &U) {
          return passesPrivatePointer(*cast<CallBase>(U.getUser()), A.getArgNo());
        });
        if (!AllPrivate) {
          PrivateArgs.erase(&A);
          Changed = true;
        }
      }
  }
}

} // namespace distomp
