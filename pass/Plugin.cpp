//===- Plugin.cpp - Registers distomp-instrument with the pass manager ----===//
//
// Loaded by clang (-fpass-plugin=DistOMPPass.so) or opt
// (-load-pass-plugin=DistOMPPass.so -passes=distomp-instrument). In clang's
// pipeline the pass runs last, on optimized IR, like the sanitizers: fewer
// accesses survive optimization, so fewer are checked, and none of the checks
// it adds is moved or dropped by a later optimization.
//
//===----------------------------------------------------------------------===//
#include "DistOMPInstrument.h"

#include "llvm/Config/llvm-config.h"
#include "llvm/Passes/PassBuilder.h"
#if LLVM_VERSION_MAJOR >= 22
#include "llvm/Plugins/PassPlugin.h"
#else
#include "llvm/Passes/PassPlugin.h"
#endif

using namespace llvm;

static void registerCallbacks(PassBuilder &PB) {
  PB.registerPipelineParsingCallback(
      [](StringRef Name, ModulePassManager &MPM, ArrayRef<PassBuilder::PipelineElement>) {
        if (Name != "distomp-instrument")
          return false;
        MPM.addPass(distomp::DistOMPInstrumentPass());
        return true;
      });
  PB.registerOptimizerLastEPCallback(
#if LLVM_VERSION_MAJOR >= 20
      [](ModulePassManager &MPM, OptimizationLevel, ThinOrFullLTOPhase) {
#else
      [](ModulePassManager &MPM, OptimizationLevel) {
#endif
        MPM.addPass(distomp::DistOMPInstrumentPass());
      });
}

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "DistOMP", LLVM_VERSION_STRING, registerCallbacks};
}
