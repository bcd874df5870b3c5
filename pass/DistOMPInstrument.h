//===- DistOMPInstrument.h - The distomp-instrument module pass -*- C++ -*-===//
#ifndef DISTOMP_PASS_DISTOMPINSTRUMENT_H
#define DISTOMP_PASS_DISTOMPINSTRUMENT_H

#include "llvm/IR/PassManager.h"

namespace distomp {

/// Takes the module's parallel regions: instruments the code they reach,
/// renames their OpenMP calls to the DistOMP runtime and replaces their fork
/// calls. Serial code is left as it was, except for the fork call itself.
struct DistOMPInstrumentPass : llvm::PassInfoMixin<DistOMPInstrumentPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &MAM);
  /// An instrumentation pass: it must run at every -O level, also on
  /// optnone functions.
  static bool isRequired() { return true; }
};

} // namespace distomp

#endif
