//===- Diagnostics.cpp - What the pass tells the user ---------------------===//
#include "Diagnostics.h"

#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/LLVMContext.h"

using namespace llvm;

namespace distomp {

std::string sourceLocation(const Instruction &I) {
  const DebugLoc &DL = I.getDebugLoc();
  if (!DL || DL.getLine() == 0)
    return "";
  return (DL->getFilename() + ":" + Twine(DL.getLine())).str();
}

void warn(const Instruction &I, const Twine &Msg) {
  std::string Text = ("distomp: " + Msg).str();
  const Function &F = *I.getFunction();
  F.getContext().diagnose(
      DiagnosticInfoOptimizationFailure(F, DiagnosticLocation(I.getDebugLoc()), Text));
}

} // namespace distomp
