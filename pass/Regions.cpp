//===- Regions.cpp - Parallel regions and the code they reach -------------===//
#include "Regions.h"
#include "AccessInstrumenter.h"
#include "GlobalRebaser.h"
#include "RuntimeABI.h"

#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/Demangle/Demangle.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/IntrinsicInst.h"

using namespace llvm;

namespace distomp {
namespace {

/// A declared function whose effects are known well enough that calling it
/// from a distributed region needs no warning: intrinsics, functions that
/// touch no memory, C library functions LLVM knows, the C++ standard library
/// and ABI runtime. Library code reaches program data only through the
/// pointers it is given, which the page-fault path keeps coherent; it never
/// names the program's globals.
bool hasKnownEffect(const Function &Callee, const TargetLibraryInfo &TLI) {
  if (Callee.isIntrinsic() || Callee.doesNotAccessMemory())
    return true;
  LibFunc LF;
  if (TLI.getLibFunc(Callee, LF) && TLI.has(LF))
    return true;
  StringRef N = Callee.getName();
  if (N.starts_with("__cxa_") || N.starts_with("_Unwind_") ||
      N == "__clang_call_terminate" || isRuntimeSymbol(N))
    return true;
  return StringRef(demangle(N)).starts_with("std::");
}

} // namespace

bool isResolvedAtRunTime(const Function &Callee, const TargetLibraryInfo &TLI) {
  if (!Callee.isDeclaration() || Callee.getName().starts_with("__atomic_") ||
      Callee.getName().starts_with("__sync_"))
    return false;
  if (classifyOpenMPCall(Callee.getName()).K != OpenMPCallInfo::NotOpenMP)
    return false;
  return !hasKnownEffect(Callee, TLI);
}

namespace {

/// The FILE * operand of a C stdio call, or -1 for a function that takes none.
int fileOperand(StringRef Name) {
  static const std::pair<const char *, int> Table[] = {
      {"fprintf", 0},  {"vfprintf", 0},  {"__fprintf_chk", 0}, {"__vfprintf_chk", 0},
      {"fscanf", 0},   {"__isoc99_fscanf", 0}, {"vfscanf", 0},  {"fflush", 0},
      {"fclose", 0},   {"fseek", 0},     {"fseeko", 0},       {"ftell", 0},
      {"ftello", 0},   {"rewind", 0},    {"fileno", 0},       {"fgetc", 0},
      {"getc", 0},     {"feof", 0},      {"ferror", 0},       {"clearerr", 0},
      {"setbuf", 0},   {"setvbuf", 0},   {"flockfile", 0},    {"funlockfile", 0},
      {"fputs", 1},    {"fputc", 1},     {"putc", 1},         {"ungetc", 1},
      {"fputs_unlocked", 1}, {"fputc_unlocked", 1}, {"putc_unlocked", 1},
      {"fgets", 2},    {"__fgets_chk", 3}, {"fwrite", 3},     {"fread", 3},
      {"fwrite_unlocked", 3}, {"fread_unlocked", 3},
  };
  for (auto &[N, Op] : Table)
    if (Name == N)
      return Op;
  return -1;
}

/// True if Stream is the process's stdin, stdout or stderr: every process
/// has its own, connected where the master's are.
bool isStandardStream(const Value *Stream) {
  auto *LI = dyn_cast<LoadInst>(Stream->stripPointerCasts());
  auto *GV = LI ? dyn_cast<GlobalVariable>(LI->getPointerOperand()->stripPointerCasts()) : nullptr;
  return GV && (GV->getName() == "stdout" || GV->getName() == "stderr" ||
                GV->getName() == "stdin");
}

class RegionAnalyzer {
public:
  RegionAnalyzer(ParallelRegion &R, const TLIGetter &GetTLI) : R(R), GetTLI(GetTLI) {}

  /// A function other code may call, analysed as if it were a region body.
  void runFrom(Function &F) {
    R.Body = &F;
    R.Closure.insert(&F);
    for (size_t I = 0; I < R.Closure.size(); ++I)
      scan(*R.Closure[I]);
  }

  void run(const DenseSet<const Function *> &TeamsBodies) {
    // A teams construct runs in the master with libomp (several teams at
    // once); its parallel regions stay there too.
    if (TeamsBodies.count(R.Fork->getFunction()))
      return keepLocal("an enclosing teams construct (teams run locally)", R.Fork);
    Value *Microtask = R.Fork->getArgOperand(2)->stripPointerCasts();
    R.Body = dyn_cast<Function>(Microtask);
    if (!R.Body || R.Body->isDeclaration())
      return keepLocal("its outlined body is not a function defined in this module",
                       R.Fork);
    checkArguments();
    R.Closure.insert(R.Body);
    // Worklist over the growing SetVector: the closure is everything reached.
    for (size_t I = 0; I < R.Closure.size(); ++I)
      scan(*R.Closure[I]);
  }

private:
  ParallelRegion &R;
  const TLIGetter &GetTLI;

  void keepLocal(const Twine &Why, Instruction *At) {
    if (R.isTaken()) { // keep the first reason: it is the one to fix first
      R.LocalReason = Why.str();
      R.LocalReasonAt = At;
    }
  }

  void checkArguments() {
    const DataLayout &DL = R.Fork->getModule()->getDataLayout();
    for (unsigned I = 3, E = R.Fork->arg_size(); I < E; ++I) {
      Type *T = R.Fork->getArgOperand(I)->getType();
      if (!T->isSized() || DL.getTypeStoreSize(T).getKnownMinValue() > SlotBytes)
        return keepLocal("an argument of the region is wider than 8 bytes", R.Fork);
    }
    if (R.Body->arg_size() != R.Fork->arg_size() - 1)
      keepLocal("its outlined body takes a different number of arguments than "
                "the fork passes",
                R.Fork);
  }

  /// The small shared globals F names go to WatchedGlobals.
  void noteGlobals(Function &F) {
    const DataLayout &DL = F.getParent()->getDataLayout();
    for (Constant *C : sharedGlobalsUsedBy(F))
      if (auto *GV = dyn_cast<GlobalVariable>(C);
          GV && GV->getValueType()->isSized() &&
          DL.getTypeAllocSize(GV->getValueType()) <= WatchedGlobalBytes)
        R.WatchedGlobals.insert(GV);
  }

  void scan(Function &F) {
    noteGlobals(F);
    for (Instruction &I : instructions(F)) {
      // An atomic the runtime cannot perform on the home copy.
      if (!isDistributableAtomic(I))
        keepLocal("an atomic operation wider than 8 bytes or of an unsupported kind", &I);
      auto *CB = dyn_cast<CallBase>(&I);
      if (!CB || isa<DbgInfoIntrinsic>(CB))
        continue;
      if (CB->isInlineAsm()) {
        R.OpaqueCalls.push_back({CB, "inline assembly"});
        continue;
      }
      Function *Callee = CB->getCalledFunction();
      if (!Callee)
        continue; // the runtime translates the target (instrumented version)
      OpenMPCallInfo Info = classifyOpenMPCall(Callee->getName());
      switch (Info.K) {
      case OpenMPCallInfo::Renamed:
      case OpenMPCallInfo::ProcessLocal:
        continue;
      case OpenMPCallInfo::Unsupported:
        keepLocal(Info.Construct, CB);
        continue;
      case OpenMPCallInfo::NotOpenMP:
        break;
      }
      if (!Callee->isDeclaration()) {
        R.Closure.insert(Callee);
        continue;
      }
      // libatomic's calls are atomics too wide for an instruction (long
      // double, large structs): performed on this process's copy, they
      // would not be atomic across processes.
      if (Callee->getName().starts_with("__atomic_") ||
          Callee->getName().starts_with("__sync_")) {
        keepLocal("an atomic operation the runtime cannot perform (a call to '" +
                      Callee->getName() + "')",
                  CB);
        continue;
      }
      // A FILE the master opened is the master's: a worker has neither its
      // descriptor nor a C library that accepts the handle.
      if (int Op = fileOperand(Callee->getName());
          Op >= 0 && unsigned(Op) < CB->arg_size() && !isStandardStream(CB->getArgOperand(Op))) {
        keepLocal("a C stdio call ('" + Callee->getName() +
                      "') on a FILE other than stdin, stdout or stderr",
                  CB);
        continue;
      }
      if (isResolvedAtRunTime(*Callee, GetTLI(F)))
        R.ExternalCallees.insert(Callee);
    }
  }
};

} // namespace

SmallVector<ParallelRegion, 8> findParallelRegions(Module &M, const TLIGetter &GetTLI) {
  SmallVector<ParallelRegion, 8> Regions;
  Function *Fork = M.getFunction("__kmpc_fork_call");
  if (!Fork)
    return Regions;
  DenseSet<const Function *> TeamsBodies;
  if (Function *Teams = M.getFunction("__kmpc_fork_teams"))
    for (User *U : Teams->users())
      if (auto *CB = dyn_cast<CallBase>(U); CB && CB->arg_size() >= 3)
        if (auto *Body = dyn_cast<Function>(CB->getArgOperand(2)->stripPointerCasts()))
          TeamsBodies.insert(Body);
  // Program order (function order, then instruction order) keeps region ids
  // and diagnostics deterministic.
  for (Function &F : M)
    for (Instruction &I : instructions(F))
      if (auto *CB = dyn_cast<CallBase>(&I))
        if (CB->getCalledFunction() == Fork && CB->arg_size() >= 3) {
          ParallelRegion R;
          R.Fork = CB;
          RegionAnalyzer(R, GetTLI).run(TeamsBodies);
          Regions.push_back(std::move(R));
        }
  return Regions;
}

namespace {

/// True if F's address is used other than to call it directly, to hand it
/// to the OpenMP runtime (a fork's microtask, a reduction's combiner: the
/// runtime calls them in its own process, never through shared memory) or to
/// run it as a constructor or destructor.
bool addressTaken(const Function &F) {
  for (const Use &U : F.uses()) {
    const User *Us = U.getUser();
    if (auto *CB = dyn_cast<CallBase>(Us)) {
      if (CB->isCallee(&U))
        continue;
      if (const Function *Callee = CB->getCalledFunction())
        if (Callee->getName().starts_with("__kmpc_"))
          continue;
      return true;
    }
    if (isa<Constant>(Us)) {
      // llvm.global_ctors and friends: an entry { prio, fn, data } in an array.
      bool OnlyStructors = all_of(Us->users(), [](const User *A) {
        return all_of(A->users(), [](const User *G) {
          auto *GV = dyn_cast<GlobalVariable>(G);
          return GV && (GV->getName() == "llvm.global_ctors" ||
                        GV->getName() == "llvm.global_dtors" ||
                        GV->getName() == "llvm.used" || GV->getName() == "llvm.compiler.used");
        });
      });
      if (!OnlyStructors || Us->users().empty())
        return true;
      continue;
    }
    return true;
  }
  return false;
}

} // namespace

SmallVector<ParallelRegion, 16> findCallableFunctions(Module &M, const TLIGetter &GetTLI) {
  SmallVector<ParallelRegion, 16> Out;
  for (Function &F : M) {
    if (F.isDeclaration() || F.hasAvailableExternallyLinkage() || F.isIntrinsic() ||
        isRuntimeSymbol(F.getName()) || F.getName() == "main" ||
        F.hasFnAttribute(Attribute::Naked))
      continue;
    // A local function only this module can call, and an inline one (C++
    // templates, header functions) that every unit calling it defines
    // itself, need no entry unless their address escapes.
    if ((F.hasLocalLinkage() || F.hasLinkOnceLinkage()) && !addressTaken(F))
      continue;
    ParallelRegion R;
    RegionAnalyzer(R, GetTLI).runFrom(F);
    Out.push_back(std::move(R));
  }
  return Out;
}

} // namespace distomp
