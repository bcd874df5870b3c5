//===- DistOMPInstrument.cpp - The distomp-instrument module pass ---------===//
//
// Order of work, per module:
//   1. find every parallel region and the closure of code it reaches, and
//      decide which regions are taken (Regions.cpp);
//   2. find the functions code outside the module may call (external or
//      address-taken): another unit's region, or an indirect call, may
//      reach them, so they get instrumented versions too;
//   3. give each reached function an instrumented version: the function
//      itself when only instrumented code reaches it, otherwise a clone, so
//      serial callers keep the uninstrumented original; and keep a copy of
//      each region body as clang made it, for the runtime's native fallback;
//   4. in each instrumented version: rename OpenMP calls, rebase globals;
//      then find the pointers that reach only the running thread's frames
//      (PrivateMemory.h) and instrument accesses (in that order: checks
//      must see rebased addresses and renamed, non-capturing runtime calls);
//      last, route calls to other units through the runtime's resolution;
//   5. lower the fork calls and register the module (regions, functions);
//   6. report: a remark per region, a warning per call that cannot be
//      followed and per region kept local.
//
//===----------------------------------------------------------------------===//
#include "DistOMPInstrument.h"
#include "AccessInstrumenter.h"
#include "Diagnostics.h"
#include "ExternalCalls.h"
#include "ForkLowering.h"
#include "GlobalRebaser.h"
#include "PrivateMemory.h"
#include "Regions.h"
#include "RuntimeABI.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/DebugInfo.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Transforms/Utils/Cloning.h"

#include <cstdlib>

using namespace llvm;

namespace distomp {
namespace {

/// A copy of F, local to the module, named F + Suffix.
Function *internalClone(Function &F, StringRef Suffix) {
  ValueToValueMapTy VMap;
  Function *Clone = CloneFunction(&F, VMap);
  Clone->setName(F.getName() + Suffix);
  Clone->setLinkage(GlobalValue::InternalLinkage);
  Clone->setVisibility(GlobalValue::DefaultVisibility);
  Clone->setDSOLocal(true);
  Clone->setComdat(nullptr);
  return Clone;
}

/// Decides, for every function reached by a taken region, which version the
/// instrumented code calls, and creates the clones.
class Versioning {
public:
  DenseMap<Function *, Function *> Instrumented; // original -> version

  /// Roots: the taken regions, and the callable functions that can run
  /// distributed (their Fork is null).
  explicit Versioning(ArrayRef<const ParallelRegion *> Roots) {
    DenseSet<const CallBase *> TakenForks;
    for (const ParallelRegion *R : Roots)
      if (R->isTaken()) {
        if (R->Fork)
          TakenForks.insert(R->Fork);
        Reached.insert(R->Closure.begin(), R->Closure.end());
      }
    decideInPlace(TakenForks);
    for (Function *F : Reached)
      Instrumented[F] = InPlace.count(F) ? F : cloneOf(*F);
    for (Function *F : Reached)
      redirectCalls(*Instrumented[F]);
  }

  SetVector<Function *> Reached;

private:
  DenseSet<Function *> InPlace;

  /// A function can be instrumented in place when nothing but instrumented
  /// code reaches it: local linkage, and every use is a taken fork or a call
  /// from a function itself instrumented in place. Start optimistic and
  /// remove until nothing changes.
  void decideInPlace(const DenseSet<const CallBase *> &TakenForks) {
    for (Function *F : Reached)
      if (F->hasLocalLinkage())
        InPlace.insert(F);
    bool Changed = true;
    while (Changed) {
      Changed = false;
      for (Function *F : Reached) {
        if (!InPlace.count(F) || onlyInstrumentedUses(*F, TakenForks))
          continue;
        InPlace.erase(F);
        Changed = true;
      }
    }
  }

  bool onlyInstrumentedUses(Function &F, const DenseSet<const CallBase *> &TakenForks) {
    for (Use &U : F.uses()) {
      auto *CB = dyn_cast<CallBase>(U.getUser());
      if (!CB)
        return false;
      if (TakenForks.count(CB) && U.getOperandNo() == 2)
        continue;
      if (!CB->isCallee(&U) || !InPlace.count(CB->getFunction()))
        return false;
    }
    return true;
  }

  Function *cloneOf(Function &F) { return internalClone(F, ".distomp"); }

  void redirectCalls(Function &Version) {
    for (Instruction &I : instructions(Version))
      if (auto *CB = dyn_cast<CallBase>(&I))
        if (Function *Callee = CB->getCalledFunction())
          if (auto It = Instrumented.find(Callee); It != Instrumented.end())
            CB->setCalledFunction(It->second);
  }
};

/// Renames the OpenMP entry points called by an instrumented function.
unsigned renameOpenMPCalls(Function &F, RuntimeABI &RT) {
  unsigned N = 0;
  for (Instruction &I : instructions(F))
    if (auto *CB = dyn_cast<CallBase>(&I))
      if (Function *Callee = CB->getCalledFunction())
        if (auto New = renamedEntryPoint(Callee->getName())) {
          CB->setCalledFunction(RT.getRenamed(*Callee, *New));
          ++N;
        }
  return N;
}

std::string describeRegion(const ParallelRegion &R) {
  std::string Where = sourceLocation(*R.Fork);
  std::string S = "parallel region";
  if (R.Body)
    S += " '" + R.Body->getName().str() + "'";
  if (!Where.empty())
    S += " at " + Where;
  return S;
}

/// distomp-cc turns on clang's location tracking so this pass can name source
/// lines; that leaves compile units that emit no debug info (NoDebug). Once
/// the pass has spoken, those locations serve nobody, and code generation
/// runs faster without them. Real debug info (-g) is never touched.
/// Returns true if it changed the module.
bool dropTrackingOnlyLocations(Module &M) {
  // Not M.debug_compile_units(): it skips exactly the NoDebug units.
  NamedMDNode *CUs = M.getNamedMetadata("llvm.dbg.cu");
  if (!CUs || CUs->getNumOperands() == 0)
    return false;
  for (MDNode *N : CUs->operands()) {
    auto *CU = dyn_cast<DICompileUnit>(N);
    if (!CU || CU->getEmissionKind() != DICompileUnit::NoDebug)
      return false;
  }
  return StripDebugInfo(M);
}

/// distomp-cc compiles without location tracking (it costs clang up to a
/// third of an -O0 compile) and names a marker file in this variable. When
/// the pass has warnings to give but no source lines to give them with, it
/// appends the module's name there and stays quiet; the wrapper then
/// compiles again with locations, and the warnings come from that run.
constexpr const char *LocationsMarkerEnv = "DISTOMP_LOCATIONS_MARKER";

bool hasLocations(const Module &M) {
  const NamedMDNode *CUs = M.getNamedMetadata("llvm.dbg.cu");
  return CUs && CUs->getNumOperands() > 0;
}

/// True if the warnings should wait for the wrapper's second compilation.
bool deferWarningsToLocatedRun(const Module &M) {
  if (hasLocations(M))
    return false;
  const char *Marker = std::getenv(LocationsMarkerEnv);
  if (!Marker || !*Marker)
    return false;
  std::error_code EC;
  raw_fd_ostream OS(Marker, EC, sys::fs::OF_Append);
  if (EC)
    return false; // cannot tell the wrapper: warn now, without lines
  OS << M.getSourceFileName() << "\n";
  return true;
}

void emitMissedRemarks(ArrayRef<ParallelRegion> Regions) {
  for (const ParallelRegion &R : Regions)
    if (!R.isTaken()) {
      OptimizationRemarkEmitter ORE(R.Fork->getFunction());
      ORE.emit([&] {
        return OptimizationRemarkMissed(PassName, "RegionLocal", R.Fork)
               << "parallel region runs locally: it uses " << R.LocalReason;
      });
    }
}

void distributeTakenRegions(Module &M, MutableArrayRef<ParallelRegion> Regions,
                            ArrayRef<ParallelRegion> Callable, const TLIGetter &GetTLI);

/// A teams construct runs its teams in parallel with libomp, in the master:
/// warned unless a parallel region inside it already drew a warning.
void warnLocalConstructs(Module &M, ArrayRef<ParallelRegion> Regions,
                         SmallVectorImpl<std::pair<const Instruction *, std::string>> &Out) {
  DenseSet<const Function *> WithRegion;
  for (const ParallelRegion &R : Regions)
    WithRegion.insert(R.Fork->getFunction());
  for (Function &F : M)
    for (Instruction &I : instructions(F)) {
      auto *CB = dyn_cast<CallBase>(&I);
      Function *Callee = CB ? CB->getCalledFunction() : nullptr;
      if (!Callee)
        continue;
      if (Callee->getName() == "__kmpc_fork_teams" && CB->arg_size() >= 3) {
        auto *Body = dyn_cast<Function>(CB->getArgOperand(2)->stripPointerCasts());
        if (!Body || !WithRegion.count(Body))
          Out.push_back({CB, "teams construct runs locally with libomp in the master, not "
                             "distributed"});
      }
    }
}

} // namespace

PreservedAnalyses DistOMPInstrumentPass::run(Module &M, ModuleAnalysisManager &MAM) {
  auto &FAM = MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager();
  TLIGetter GetTLI = [&FAM](Function &F) -> const TargetLibraryInfo & {
    return FAM.getResult<TargetLibraryAnalysis>(F);
  };

  // Once per module: a link-time pipeline that loads the plugin again (LTO)
  // meets modules the compile step already instrumented.
  constexpr const char *DoneFlag = "distomp.instrumented";
  if (M.getModuleFlag(DoneFlag))
    return PreservedAnalyses::all();

  SmallVector<ParallelRegion, 8> Regions = findParallelRegions(M, GetTLI);
  SmallVector<ParallelRegion, 16> Callable = findCallableFunctions(M, GetTLI);

  // Diagnostics first, on the untouched IR: locations and names as written.
  SmallVector<std::pair<const Instruction *, std::string>, 8> Warnings;
  DenseSet<const CallBase *> Warned;
  for (ParallelRegion &R : Regions) {
    if (!R.isTaken()) {
      Warnings.push_back({R.LocalReasonAt, describeRegion(R) +
                                               " runs locally with libomp, not "
                                               "distributed: it uses " +
                                               R.LocalReason});
      continue;
    }
    for (const OpaqueCall &C : R.OpaqueCalls)
      if (Warned.insert(C.Call).second)
        Warnings.push_back({C.Call, C.What + " in a distributed parallel region cannot be "
                                             "followed: it runs uninstrumented"});
  }
  warnLocalConstructs(M, Regions, Warnings);
  if (!Warnings.empty() && !deferWarningsToLocatedRun(M))
    for (auto &[At, Text] : Warnings)
      warn(*At, Text);

  bool AnyTaken = llvm::any_of(Regions, [](const ParallelRegion &R) { return R.isTaken(); });
  if (AnyTaken || !Callable.empty()) {
    distributeTakenRegions(M, Regions, Callable, GetTLI);
    M.addModuleFlag(Module::Max, DoneFlag, 1);
  }
  emitMissedRemarks(Regions);
  bool Stripped = dropTrackingOnlyLocations(M);
  return AnyTaken || !Callable.empty() || Stripped ? PreservedAnalyses::none()
                                                   : PreservedAnalyses::all();
}

namespace {

/// A callable function that needs no instrumented version, so it is its own:
/// it names no global (it touches only memory its pointer arguments reach,
/// or none), performs no atomic, and calls only intrinsics and library
/// functions whose effects are known. Run uninstrumented in a worker, its
/// accesses are still served by the page-fault path (page by page rather
/// than as checked ranges); what a clone would add is only speed, and the
/// clone would double the code generation of every such helper.
bool isOwnVersion(const ParallelRegion &F, const TLIGetter &GetTLI) {
  if (!F.isTaken() || F.Closure.size() != 1)
    return false;
  Function &Fn = *F.Body;
  if (!Fn.doesNotAccessMemory() && !Fn.onlyAccessesArgMemory())
    return false;
  for (Instruction &I : instructions(Fn)) {
    if (I.isAtomic())
      return false;
    auto *CB = dyn_cast<CallBase>(&I);
    if (!CB || isa<IntrinsicInst>(CB))
      continue;
    Function *Callee = CB->getCalledFunction();
    if (!Callee || CB->isInlineAsm() || !Callee->isDeclaration() ||
        classifyOpenMPCall(Callee->getName()).K != OpenMPCallInfo::NotOpenMP ||
        isResolvedAtRunTime(*Callee, GetTLI(Fn)))
      return false;
  }
  return true;
}

/// Instruments the code the taken regions and the callable functions reach,
/// lowers the forks and registers the module.
void distributeTakenRegions(Module &M, MutableArrayRef<ParallelRegion> Regions,
                            ArrayRef<ParallelRegion> Callable, const TLIGetter &GetTLI) {
  RuntimeABI RT(M);
  // The bodies as clang made them, before anything is instrumented in place:
  // the runtime runs a region's native body with libomp where distributing
  // it buys nothing (a job of one process runs the program as clang
  // compiled it) or cannot be done (a callee in another unit without an
  // instrumented version). Their local callees keep originals for them.
  DenseMap<Function *, Function *> NativeBodies;
  for (ParallelRegion &R : Regions)
    if (R.isTaken() && !NativeBodies.count(R.Body))
      NativeBodies[R.Body] = internalClone(*R.Body, ".native");
  DenseSet<const ParallelRegion *> OwnVersion; // callable functions needing no clone
  for (const ParallelRegion &F : Callable)
    if (isOwnVersion(F, GetTLI))
      OwnVersion.insert(&F);
  SmallVector<const ParallelRegion *, 16> Roots;
  for (const ParallelRegion &R : Regions)
    Roots.push_back(&R);
  for (const ParallelRegion &F : Callable)
    if (!OwnVersion.count(&F))
      Roots.push_back(&F);
  Versioning V(Roots);
  DenseSet<Function *> Bodies;
  for (ParallelRegion &R : Regions)
    if (R.isTaken())
      Bodies.insert(V.Instrumented[R.Body]);

  SmallVector<Function *, 16> Versions;
  for (Function *F : V.Reached) {
    Function &Version = *V.Instrumented[F];
    renameOpenMPCalls(Version, RT);
    rebaseGlobals(Version, RT);
    Versions.push_back(&Version);
  }
  DenseSet<Function *> Registered;
  for (const ParallelRegion &F : Callable)
    if (F.isTaken() && !OwnVersion.count(&F))
      Registered.insert(V.Instrumented[F.Body]);
  PrivateMemory Private(Versions, Bodies, Registered);
  // Code this module's regions reach gets the checks (fetching whole ranges
  // ahead of loops); code only other units may reach gets what correctness
  // needs (rebased globals, atomics at home, translated and resolved calls)
  // and leaves its loads and stores to the page-fault path: a unit of
  // helpers then compiles at little more than plain clang's cost.
  DenseSet<Function *> InLocalRegion;
  for (const ParallelRegion &R : Regions)
    if (R.isTaken())
      InLocalRegion.insert(R.Closure.begin(), R.Closure.end());
  DenseMap<Function *, AccessStats> PerFunction;
  for (Function *F : V.Reached) {
    Function &Version = *V.Instrumented[F];
    PerFunction[F] = instrumentAccesses(Version, RT, Bodies.count(&Version), GetTLI(*F),
                                        Private, InLocalRegion.count(F));
  }

  for (Function *F : V.Reached)
    resolveExternalCalls(*V.Instrumented[F], RT, GetTLI(*F));

  SmallVector<CallableFunction, 16> Functions;
  for (const ParallelRegion &F : Callable) {
    Function *Version = nullptr;
    if (OwnVersion.count(&F))
      Version = F.Body;
    else if (F.isTaken())
      Version = V.Instrumented.lookup(F.Body);
    Functions.push_back({F.Body, Version, F.isTaken() ? "" : "uses " + F.LocalReason,
                         F.ExternalCallees.getArrayRef()});
  }

  SmallVector<RegionToLower, 8> ToLower;
  for (ParallelRegion &R : Regions) {
    if (!R.isTaken())
      continue;
    ToLower.push_back({&R, V.Instrumented[R.Body], NativeBodies.lookup(R.Body)});
    AccessStats S;
    for (Function *F : R.Closure)
      S += PerFunction[F];
    OptimizationRemarkEmitter ORE(R.Fork->getFunction());
    ORE.emit([&] {
      return OptimizationRemark(PassName, "RegionDistributed", R.Fork)
             << "distributed " << describeRegion(R) << ": "
             << ore::NV("Functions", unsigned(R.Closure.size())) << " function(s), "
             << ore::NV("Checks", S.Checks) << " access check(s), "
             << ore::NV("RangeChecks", S.RangeChecks) << " range check(s), "
             << ore::NV("Atomics", S.Atomics) << " atomic(s); skipped "
             << ore::NV("Private", S.SkippedPrivate) << " private, "
             << ore::NV("Constant", S.SkippedConstant) << " constant, "
             << ore::NV("Coalesced", S.Coalesced) << " repeated, "
             << ore::NV("Hoisted", S.Hoisted) << " covered by loop range checks";
    });
  }
  lowerForks(M, RT, ToLower, Functions);
  RT.eraseUnusedDeclarations();
}

} // namespace

} // namespace distomp
