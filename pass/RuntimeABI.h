//===- RuntimeABI.h - The runtime entry points the pass emits ---*- C++ -*-===//
//
// Declares, once per module, every __distomp_* function and variable the pass
// calls or reads (include/distomp/abi.h documents them), and knows which
// OpenMP runtime calls are renamed to which of them. Modelled on
// ThreadSanitizer's initializeCallbacks.
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_PASS_RUNTIMEABI_H
#define DISTOMP_PASS_RUNTIMEABI_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/IR/Module.h"

#include <optional>
#include <string>

namespace llvm {
class CallBase;
class TargetLibraryInfo;
} // namespace llvm

namespace distomp {

/// Mirrors include/distomp/abi.h; the pass cannot include it (C header with
/// the runtime's view) but the values must agree.
constexpr uint64_t PageShift = 12;
constexpr uint64_t ShadowOffset = 0x100000000000ull;
constexpr uint32_t AbiVersion = 2;
/// Fork arguments travel in slots of this many bytes (abi.h: distomp_fork_call).
constexpr unsigned SlotBytes = 8;
enum PageState : uint8_t { PageWritable = 0, PageReadOnly = 1, PageInvalid = 2 };

/// What the pass knows about a call to an OpenMP runtime or API function
/// inside a parallel region.
struct OpenMPCallInfo {
  enum Kind {
    NotOpenMP,     ///< not an OpenMP function at all
    Renamed,       ///< in entry_points.def: becomes __distomp_*
    ProcessLocal,  ///< an API query whose answer is the same in every process
    Unsupported,   ///< keeps the whole region local
  } K = NotOpenMP;
  std::string Construct; ///< for Unsupported: the construct to name
};

/// Classifies a callee name (for the rename table and region support checks).
OpenMPCallInfo classifyOpenMPCall(llvm::StringRef Name);

/// The __distomp_* name that replaces an OpenMP entry point, if any.
std::optional<std::string> renamedEntryPoint(llvm::StringRef Name);

/// Declarations of the runtime interface in one module.
class RuntimeABI {
public:
  explicit RuntimeABI(llvm::Module &M);

  llvm::Module &M;
  llvm::LLVMContext &Ctx;
  llvm::Type *VoidTy, *Int8Ty, *Int32Ty, *Int64Ty, *IntptrTy;
  llvm::PointerType *PtrTy;

  llvm::FunctionCallee LoadMiss, StoreMiss;   // (ptr, i64)
  llvm::FunctionCallee LoadRange, StoreRange; // (ptr, i64)
  llvm::FunctionCallee AtomicLoad, AtomicStore, AtomicRMW, AtomicCmpXchg, AtomicUpdate;
  llvm::FunctionCallee RebaseExtern;          // ptr (ptr)
  llvm::FunctionCallee TranslateCode;         // ptr (ptr)
  llvm::FunctionCallee ForkCall;              // (ptr loc, ptr region, ptr args)
  llvm::FunctionCallee RegisterModule;        // (ptr module)
  llvm::FunctionCallee ResolveCall;           // ptr (ptr fn)
  /// This shared object's image delta (abi.h: __distomp_dso_delta): one per
  /// executable or library, shared by all its modules.
  llvm::GlobalVariable *DsoDelta;             // intptr

  /// The runtime's replacement of an OpenMP entry point, declared with the
  /// original's type.
  llvm::Function *getRenamed(llvm::Function &Original, llvm::StringRef NewName);

  /// The descriptor layouts of include/distomp/abi.h: distomp_region,
  /// distomp_function, distomp_module.
  llvm::StructType *regionType();
  llvm::StructType *functionType();
  llvm::StructType *moduleType();

  /// Removes the runtime declarations this module ended up not using.
  void eraseUnusedDeclarations();

private:
  llvm::StructType *RegionTy = nullptr, *FunctionTy = nullptr, *ModuleTy = nullptr;
};

/// True if the call may reach the DistOMP runtime's synchronization (a
/// barrier, a lock, a region end) and so change page states. Intrinsics,
/// library functions LLVM knows and functions marked nosync cannot.
bool maySynchronize(const llvm::CallBase &CB, const llvm::TargetLibraryInfo &TLI);

/// True for a name the runtime owns (never instrumented, never rebased).
inline bool isRuntimeSymbol(llvm::StringRef Name) {
  return Name.starts_with("__distomp_");
}

} // namespace distomp

#endif
