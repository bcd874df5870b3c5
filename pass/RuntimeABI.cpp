//===- RuntimeABI.cpp - The runtime entry points the pass emits -----------===//
#include "RuntimeABI.h"

#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Function.h"
#include "llvm/TargetParser/Triple.h"

using namespace llvm;

namespace distomp {
namespace {

/// OpenMP names renamed inside taken regions, from the shared table.
const StringMap<std::string> &renameTable() {
  static const StringMap<std::string> Table = [] {
    StringMap<std::string> T;
#define DISTOMP_KMPC(Ret, Suffix, Params, Args)                                \
  T["__kmpc_" #Suffix] = "__distomp_" #Suffix;
#define DISTOMP_OMP(Ret, Suffix, Params, Args)                                 \
  T["omp_" #Suffix] = "__distomp_omp_" #Suffix;
#define DISTOMP_OMPC(Ret, Suffix, Params, Args)                                \
  T["ompc_" #Suffix] = "__distomp_omp_" #Suffix;
#include "distomp/entry_points.def"
    return T;
  }();
  return Table;
}

/// API queries that answer the same in every process (or only about this
/// process, which is what the caller asks): left as they are.
bool isProcessLocalQuery(StringRef Name) {
  static const char *const Names[] = {
      "omp_get_wtime",       "omp_get_wtick",        "omp_get_num_procs",
      "omp_get_thread_limit", "omp_get_dynamic",     "omp_get_nested",
      "omp_get_max_active_levels", "omp_get_cancellation",
      "omp_get_proc_bind",   "omp_is_initial_device", "omp_get_num_devices",
      "omp_get_default_device", "omp_get_initial_device", "omp_get_device_num",
      "omp_get_max_task_priority", "omp_in_final",
  };
  for (const char *N : Names)
    if (Name == N)
      return true;
  return false;
}

/// Names the OpenMP construct behind an unsupported runtime call, so the
/// warning speaks the user's language rather than libomp's.
std::string constructOf(StringRef Name) {
  struct Prefix {
    const char *P;
    const char *Construct;
  };
  static const Prefix Table[] = {
      {"__kmpc_fork_call", "nested parallel region"},
      {"__kmpc_fork_teams", "teams"},
      {"__kmpc_push_num_teams", "teams"},
      {"__kmpc_omp_task", "task"},
      {"__kmpc_omp_taskwait", "taskwait"},
      {"__kmpc_omp_taskyield", "taskyield"},
      {"__kmpc_taskgroup", "taskgroup"},
      {"__kmpc_end_taskgroup", "taskgroup"},
      {"__kmpc_taskloop", "taskloop"},
      {"__kmpc_task_reduction", "task reduction"},
      {"__kmpc_taskred", "task reduction"},
      {"__kmpc_omp_target", "target"},
      {"__tgt_", "target"},
      {"__kmpc_threadprivate", "threadprivate"},
      {"__kmpc_doacross", "ordered(depend)"},
      {"__kmpc_cancel", "cancel"},
      {"__kmpc_dist_", "distribute"},
      {"__kmpc_sections", "sections"},
      {"__kmpc_alloc", "allocate"},
      {"__kmpc_free", "allocate"},
      {"__kmpc_aligned_alloc", "allocate"},
      {"__kmpc_error", "error"},
      {"omp_set_lock", "OpenMP lock routines"},
      {"omp_unset_lock", "OpenMP lock routines"},
      {"omp_test_lock", "OpenMP lock routines"},
      {"omp_init_lock", "OpenMP lock routines"},
      {"omp_destroy_lock", "OpenMP lock routines"},
      {"omp_set_nest_lock", "OpenMP lock routines"},
      {"omp_unset_nest_lock", "OpenMP lock routines"},
      {"omp_test_nest_lock", "OpenMP lock routines"},
      {"omp_init_nest_lock", "OpenMP lock routines"},
      {"omp_destroy_nest_lock", "OpenMP lock routines"},
      {"omp_set_num_threads", "omp_set_num_threads"},
      {"ompc_set_affinity_format", "omp_set_affinity_format"},
  };
  for (const Prefix &E : Table)
    if (Name.starts_with(E.P))
      return E.Construct;
  return ("OpenMP runtime call '" + Name + "'").str();
}

} // namespace

std::optional<std::string> renamedEntryPoint(StringRef Name) {
  auto It = renameTable().find(Name);
  if (It == renameTable().end())
    return std::nullopt;
  return It->second;
}

OpenMPCallInfo classifyOpenMPCall(StringRef Name) {
  OpenMPCallInfo Info;
  if (renameTable().count(Name)) {
    Info.K = OpenMPCallInfo::Renamed;
  } else if (isProcessLocalQuery(Name)) {
    Info.K = OpenMPCallInfo::ProcessLocal;
  } else if (Name.starts_with("__kmpc_") || Name.starts_with("omp_") ||
             Name.starts_with("ompc_") || // omp.h's names for some omp_ calls
             Name.starts_with("__tgt_") || Name.starts_with("ompx_")) {
    Info.K = OpenMPCallInfo::Unsupported;
    Info.Construct = constructOf(Name);
  }
  return Info;
}

bool maySynchronize(const CallBase &CB, const TargetLibraryInfo &TLI) {
  if (isa<IntrinsicInst>(CB) || CB.hasFnAttr(Attribute::NoSync))
    return false;
  const Function *Callee = CB.getCalledFunction();
  if (!Callee)
    return true;
  if (Callee->hasFnAttribute(Attribute::NoSync) || Callee->doesNotAccessMemory())
    return false;
  LibFunc LF;
  if (TLI.getLibFunc(*Callee, LF) && TLI.has(LF))
    return false;
  // The runtime's own access checks fetch pages but never invalidate them.
  StringRef N = Callee->getName();
  return !(N == "__distomp_load_range" || N == "__distomp_store_range" ||
           N == "__distomp_load_miss" || N == "__distomp_store_miss");
}

RuntimeABI::RuntimeABI(Module &M) : M(M), Ctx(M.getContext()) {
  const DataLayout &DL = M.getDataLayout();
  VoidTy = Type::getVoidTy(Ctx);
  Int8Ty = Type::getInt8Ty(Ctx);
  Int32Ty = Type::getInt32Ty(Ctx);
  Int64Ty = Type::getInt64Ty(Ctx);
  IntptrTy = DL.getIntPtrType(Ctx);
  PtrTy = PointerType::getUnqual(Ctx);

  // The miss paths are cold and never return abnormally; marking them cold
  // keeps the inline fast path tight around them.
  AttributeList Cold = AttributeList().addFnAttribute(Ctx, Attribute::Cold)
                           .addFnAttribute(Ctx, Attribute::NoUnwind);
  AttributeList NoUnwind = AttributeList().addFnAttribute(Ctx, Attribute::NoUnwind);
  LoadMiss = M.getOrInsertFunction("__distomp_load_miss", Cold, VoidTy, PtrTy, Int64Ty);
  StoreMiss = M.getOrInsertFunction("__distomp_store_miss", Cold, VoidTy, PtrTy, Int64Ty);
  LoadRange = M.getOrInsertFunction("__distomp_load_range", NoUnwind, VoidTy, PtrTy, Int64Ty);
  StoreRange = M.getOrInsertFunction("__distomp_store_range", NoUnwind, VoidTy, PtrTy, Int64Ty);
  AtomicLoad = M.getOrInsertFunction("__distomp_atomic_load", NoUnwind, Int64Ty, PtrTy,
                                     Int32Ty, Int32Ty);
  AtomicStore = M.getOrInsertFunction("__distomp_atomic_store", NoUnwind, VoidTy, PtrTy,
                                      Int64Ty, Int32Ty, Int32Ty);
  AtomicRMW = M.getOrInsertFunction("__distomp_atomic_rmw", NoUnwind, Int64Ty, PtrTy,
                                    Int64Ty, Int32Ty, Int32Ty, Int32Ty);
  AtomicUpdate = M.getOrInsertFunction("__distomp_atomic_update", NoUnwind, VoidTy, PtrTy, Int64Ty,
                                       Int32Ty, Int32Ty);
  AtomicCmpXchg = M.getOrInsertFunction("__distomp_atomic_cmpxchg", NoUnwind, Int64Ty,
                                        PtrTy, Int64Ty, Int64Ty, Int32Ty, Int32Ty,
                                        Int32Ty);
  AttributeList Pure = NoUnwind.addFnAttribute(Ctx, Attribute::WillReturn);
  RebaseExtern = M.getOrInsertFunction("__distomp_rebase_extern", Pure, PtrTy, PtrTy);
  TranslateCode = M.getOrInsertFunction("__distomp_translate_code", Pure, PtrTy, PtrTy);
  ForkCall = M.getOrInsertFunction("__distomp_fork_call", VoidTy, PtrTy, PtrTy, PtrTy);
  RegisterModule = M.getOrInsertFunction("__distomp_register_module", NoUnwind, VoidTy,
                                         PtrTy);
  ResolveCall = M.getOrInsertFunction("__distomp_resolve_call", Cold, PtrTy, PtrTy);

  // Hidden and merged across the modules of one executable or library: each
  // shared object has its own load delta. It lives in the object's own data,
  // which in a worker is the worker's private copy (the master's copy of that
  // range is mirrored elsewhere); the runtime sets it at join.
  DsoDelta = M.getGlobalVariable("__distomp_dso_delta");
  if (!DsoDelta) {
    DsoDelta = new GlobalVariable(M, IntptrTy, /*isConstant=*/false,
                                  GlobalValue::LinkOnceODRLinkage,
                                  ConstantInt::get(IntptrTy, 0), "__distomp_dso_delta");
    DsoDelta->setVisibility(GlobalValue::HiddenVisibility);
    DsoDelta->setDSOLocal(true);
    if (Triple(M.getTargetTriple()).supportsCOMDAT())
      DsoDelta->setComdat(M.getOrInsertComdat("__distomp_dso_delta"));
  }
}

Function *RuntimeABI::getRenamed(Function &Original, StringRef NewName) {
  FunctionCallee C = M.getOrInsertFunction(NewName, Original.getFunctionType(),
                                           Original.getAttributes());
  return cast<Function>(C.getCallee());
}

void RuntimeABI::eraseUnusedDeclarations() {
  SmallVector<GlobalValue *, 16> Dead;
  for (Function &F : M)
    if (F.isDeclaration() && F.use_empty() && isRuntimeSymbol(F.getName()))
      Dead.push_back(&F);
  if (DsoDelta->use_empty())
    Dead.push_back(DsoDelta);
  for (GlobalValue *GV : Dead)
    GV->eraseFromParent();
}

StructType *RuntimeABI::regionType() {
  if (!RegionTy)
    RegionTy = StructType::create(
        Ctx,
        {Int64Ty, Int32Ty, Int32Ty, PtrTy, PtrTy, PtrTy, Int32Ty, Int32Ty, PtrTy, PtrTy, PtrTy,
         Int64Ty},
        "struct.distomp_region");
  return RegionTy;
}

StructType *RuntimeABI::functionType() {
  if (!FunctionTy)
    FunctionTy = StructType::create(Ctx, {PtrTy, PtrTy, PtrTy, PtrTy, PtrTy, Int64Ty},
                                    "struct.distomp_function");
  return FunctionTy;
}

StructType *RuntimeABI::moduleType() {
  if (!ModuleTy)
    ModuleTy = StructType::create(Ctx, {Int32Ty, Int32Ty, PtrTy, PtrTy, Int64Ty, PtrTy, Int64Ty},
                                  "struct.distomp_module");
  return ModuleTy;
}

} // namespace distomp
