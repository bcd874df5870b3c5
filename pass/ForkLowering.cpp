//===- ForkLowering.cpp - Hand taken regions to the DistOMP runtime -------===//
#include "ForkLowering.h"
#include "Regions.h"
#include "RuntimeABI.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

using namespace llvm;

namespace distomp {

uint64_t regionId(const Module &M, StringRef BodyName) {
  uint64_t H = 0xcbf29ce484222325ull;
  auto Mix = [&H](StringRef S) {
    for (unsigned char C : S) {
      H ^= C;
      H *= 0x100000001b3ull;
    }
  };
  Mix(M.getSourceFileName());
  Mix(StringRef("\0", 1));
  Mix(BodyName);
  return H;
}

namespace {

FunctionType *entryType(RuntimeABI &RT) {
  return FunctionType::get(RT.VoidTy, {RT.PtrTy, RT.PtrTy, RT.PtrTy}, false);
}

/// True if only fork calls (as their microtask operand) refer to F.
bool onlyForksUse(const Function &F) {
  for (const Use &U : F.uses()) {
    auto *CB = dyn_cast<CallBase>(U.getUser());
    Function *Callee = CB ? CB->getCalledFunction() : nullptr;
    if (!Callee || Callee->getName() != "__kmpc_fork_call" || U.getOperandNo() != 2)
      return false;
  }
  return true;
}

/// Gives the body itself the entry's shape, void(i32* gtid, i32* btid, ptr
/// args): its blocks move into a function of that type whose entry loads the
/// arguments from their slots. One function per region, no call between the
/// runtime and the body.
Function *reshapeIntoEntry(RuntimeABI &RT, Function &Body) {
  AttributeList Old = Body.getAttributes();
  Function *Entry = Function::Create(entryType(RT), GlobalValue::InternalLinkage,
                                     Body.getAddressSpace(), "");
  RT.M.getFunctionList().insert(Body.getIterator(), Entry); // keep the module's order
  Entry->setAttributes(AttributeList::get(
      RT.Ctx, Old.getFnAttrs(), Old.getRetAttrs(),
      {Old.getParamAttrs(0), Old.getParamAttrs(1), AttributeSet()}));
  Entry->setDSOLocal(true);
  // Everything a function carries besides its signature and blocks.
  Entry->copyMetadata(&Body, 0); // !dbg (the subprogram) among them
  if (Body.hasPersonalityFn())
    Entry->setPersonalityFn(Body.getPersonalityFn());
  if (Body.hasGC())
    Entry->setGC(Body.getGC());
  if (Body.hasSection())
    Entry->setSection(Body.getSection());
  Entry->setAlignment(Body.getAlign());
  Body.setSubprogram(nullptr);
  Entry->splice(Entry->begin(), &Body);
  // After the entry block's allocas, which stay first (static).
  BasicBlock::iterator IP = Entry->getEntryBlock().getFirstInsertionPt();
  while (isa<AllocaInst>(*IP))
    ++IP;
  IRBuilder<> B(&*IP);
  Entry->getArg(2)->setName("distomp.args");
  for (unsigned I = 2; I < Body.arg_size(); ++I) {
    Argument *Old = Body.getArg(I);
    Value *Slot = B.CreateConstInBoundsGEP1_64(RT.Int64Ty, Entry->getArg(2), I - 2);
    LoadInst *V = B.CreateAlignedLoad(Old->getType(), Slot, Align(SlotBytes));
    V->takeName(Old);
    Old->replaceAllUsesWith(V);
  }
  for (unsigned I = 0; I < 2; ++I) {
    Entry->getArg(I)->takeName(Body.getArg(I));
    Body.getArg(I)->replaceAllUsesWith(Entry->getArg(I));
  }
  Entry->takeName(&Body);
  Body.replaceAllUsesWith(Entry); // the fork operands, replaced right after
  Body.eraseFromParent();
  return Entry;
}

/// The region's entry. The instrumented body becomes it when nothing else
/// calls the body; otherwise a trampoline unpacks the slots and calls it.
Function *createEntry(RuntimeABI &RT, Function &Body) {
  if (onlyForksUse(Body))
    return reshapeIntoEntry(RT, Body);
  Function *Entry = Function::Create(entryType(RT), GlobalValue::InternalLinkage,
                                     Body.getName() + ".distomp_entry", RT.M);
  Entry->setDSOLocal(true);
  if (Body.doesNotThrow())
    Entry->setDoesNotThrow();
  IRBuilder<> B(BasicBlock::Create(RT.Ctx, "entry", Entry));
  SmallVector<Value *, 8> Args = {Entry->getArg(0), Entry->getArg(1)};
  for (unsigned I = 2; I < Body.arg_size(); ++I) {
    Value *Slot = B.CreateConstInBoundsGEP1_64(RT.Int64Ty, Entry->getArg(2), I - 2);
    Args.push_back(B.CreateAlignedLoad(Body.getArg(I)->getType(), Slot, Align(SlotBytes)));
  }
  B.CreateCall(&Body, Args);
  B.CreateRetVoid();
  return Entry;
}

Constant *stringConstant(RuntimeABI &RT, StringRef S, const Twine &Name) {
  auto *Init = ConstantDataArray::getString(RT.Ctx, S);
  auto *GV = new GlobalVariable(RT.M, Init->getType(), true, GlobalValue::PrivateLinkage,
                                Init, Name);
  GV->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
  GV->setAlignment(Align(1));
  return GV;
}

/// The fork's source position, from its debug location (distomp-cc turns
/// location tracking on, so this is present unless the IR came without it).
std::pair<std::string, unsigned> forkPosition(const CallBase &Fork) {
  if (const DebugLoc &DL = Fork.getDebugLoc(); DL && DL.getLine())
    return {DL->getFilename().str(), DL.getLine()};
  // Without locations, clang's OpenMP source record (the fork's ident_t,
  // whose psource reads ";file;function;line;column;;") still names it.
  auto *Ident = dyn_cast<GlobalVariable>(Fork.getArgOperand(0)->stripPointerCasts());
  auto *Init = Ident && Ident->hasInitializer()
                   ? dyn_cast<ConstantStruct>(Ident->getInitializer())
                   : nullptr;
  // Without either, the module's source file at least.
  std::pair<std::string, unsigned> FileOnly = {Fork.getModule()->getSourceFileName(), 0};
  if (!Init || Init->getNumOperands() < 5)
    return FileOnly;
  auto *Str = dyn_cast<GlobalVariable>(Init->getOperand(4)->stripPointerCasts());
  auto *Data = Str && Str->hasInitializer()
                   ? dyn_cast<ConstantDataSequential>(Str->getInitializer())
                   : nullptr;
  if (!Data || !Data->isCString())
    return FileOnly;
  SmallVector<StringRef, 6> Parts;
  Data->getAsCString().split(Parts, ';');
  unsigned Line = 0;
  if (Parts.size() < 4 || Parts[3].getAsInteger(10, Line) || Line == 0 || Parts[1] == "unknown")
    return FileOnly;
  return {Parts[1].str(), Line};
}

/// Replaces the fork with __distomp_fork_call(loc, &descriptor, args): the
/// arguments go into an array of 8-byte slots in the caller's frame.
void replaceFork(RuntimeABI &RT, CallBase &Fork, Constant *Descriptor) {
  Function &Caller = *Fork.getFunction();
  unsigned NumArgs = Fork.arg_size() - 3;
  Value *Slots = ConstantPointerNull::get(RT.PtrTy);
  if (NumArgs) {
    IRBuilder<> EntryB(&*Caller.getEntryBlock().getFirstInsertionPt());
    Slots = EntryB.CreateAlloca(ArrayType::get(RT.Int64Ty, NumArgs), nullptr,
                                "distomp.fork.args");
  }
  IRBuilder<> B(&Fork);
  for (unsigned I = 0; I < NumArgs; ++I)
    B.CreateAlignedStore(Fork.getArgOperand(3 + I),
                         B.CreateConstInBoundsGEP1_64(RT.Int64Ty, Slots, I), Align(SlotBytes));
  Value *Args[] = {Fork.getArgOperand(0), Descriptor, Slots};
  CallBase *New;
  if (auto *Inv = dyn_cast<InvokeInst>(&Fork))
    New = B.CreateInvoke(RT.ForkCall, Inv->getNormalDest(), Inv->getUnwindDest(), Args);
  else
    New = B.CreateCall(RT.ForkCall, Args);
  New->setDebugLoc(Fork.getDebugLoc());
  Fork.eraseFromParent();
}

/// num_threads and proc_bind are pushed right before their fork: they belong
/// to the region, so they go to the runtime with it.
void renamePushesBefore(RuntimeABI &RT, CallBase &Fork) {
  for (Instruction *I = Fork.getPrevNode(); I; I = I->getPrevNode()) {
    auto *CB = dyn_cast<CallBase>(I);
    if (!CB || !CB->getCalledFunction())
      continue;
    StringRef N = CB->getCalledFunction()->getName();
    if (N == "__kmpc_fork_call")
      return; // an earlier region's fork: its pushes are its own
    if (N != "__kmpc_push_num_threads" && N != "__kmpc_push_proc_bind")
      continue;
    CB->setCalledFunction(RT.getRenamed(*CB->getCalledFunction(), *renamedEntryPoint(N)));
  }
}

} // namespace

namespace {

/// A constant array of Elems (of type Ty) for a descriptor to point to, or
/// null when there are none. The tables the runtime walks (regions,
/// functions) are internal, the lists inside descriptors private.
Constant *table(RuntimeABI &RT, Type *Ty, ArrayRef<Constant *> Elems, const Twine &Name,
                GlobalValue::LinkageTypes Linkage = GlobalValue::PrivateLinkage) {
  if (Elems.empty())
    return ConstantPointerNull::get(RT.PtrTy);
  auto *ATy = ArrayType::get(Ty, Elems.size());
  return new GlobalVariable(RT.M, ATy, /*isConstant=*/true, Linkage,
                            ConstantArray::get(ATy, Elems), Name);
}

/// A list of functions (callees), or null.
Constant *pointerArray(RuntimeABI &RT, ArrayRef<Function *> Fns, const Twine &Name) {
  SmallVector<Constant *, 8> Elems(Fns.begin(), Fns.end());
  return table(RT, RT.PtrTy, Elems, Name);
}

/// The globals a region's master watches: {address, bytes} pairs, or null.
Constant *watchTable(RuntimeABI &RT, ArrayRef<GlobalVariable *> Globals) {
  auto *PairTy = StructType::get(RT.Ctx, {RT.PtrTy, RT.Int64Ty});
  const DataLayout &DL = RT.M.getDataLayout();
  SmallVector<Constant *, 8> Pairs;
  for (GlobalVariable *GV : Globals)
    Pairs.push_back(ConstantStruct::get(
        PairTy, {GV, ConstantInt::get(RT.Int64Ty, DL.getTypeAllocSize(GV->getValueType()))}));
  return table(RT, PairTy, Pairs, "distomp.region.watch");
}

Constant *functionTable(RuntimeABI &RT, ArrayRef<CallableFunction> Functions) {
  SmallVector<Constant *, 16> Entries;
  for (const CallableFunction &F : Functions) {
    Constant *Reason = F.Reason.empty()
                           ? static_cast<Constant *>(ConstantPointerNull::get(RT.PtrTy))
                           : stringConstant(RT, F.Reason, "distomp.function.reason");
    Constant *Inst = F.Instrumented ? static_cast<Constant *>(F.Instrumented)
                                    : ConstantPointerNull::get(RT.PtrTy);
    Entries.push_back(ConstantStruct::get(
        RT.functionType(),
        {F.Original, Inst, stringConstant(RT, F.Original->getName(), "distomp.function.name"),
         Reason, pointerArray(RT, F.Callees, "distomp.function.callees"),
         ConstantInt::get(RT.Int64Ty, F.Callees.size())}));
  }
  return table(RT, RT.functionType(), Entries, "__distomp_module_functions",
               GlobalValue::InternalLinkage);
}

} // namespace

void lowerForks(Module &M, RuntimeABI &RT, ArrayRef<RegionToLower> Regions,
                ArrayRef<CallableFunction> Functions) {
  if (Regions.empty() && Functions.empty())
    return;
  StructType *RegionTy = RT.regionType();
  // Names first: creating an entry may replace a body.
  SmallVector<std::string, 8> Names;
  for (const RegionToLower &R : Regions)
    Names.push_back(R.Region->Body->getName().str());
  DenseMap<Function *, Function *> Entries; // one per body, however many forks
  SmallVector<Constant *, 8> Descriptors;
  for (auto [R, Name] : zip(Regions, Names)) {
    auto [File, Line] = forkPosition(*R.Region->Fork);
    auto entryOf = [&](Function *Body) {
      auto [It, New] = Entries.try_emplace(Body, nullptr);
      if (New)
        It->second = createEntry(RT, *Body);
      return It->second;
    };
    Function *Entry = entryOf(R.InstrumentedBody);
    Constant *Native = R.NativeBody ? static_cast<Constant *>(entryOf(R.NativeBody))
                                    : ConstantPointerNull::get(RT.PtrTy);
    ArrayRef<Function *> Callees = R.Region->ExternalCallees.getArrayRef();
    Descriptors.push_back(ConstantStruct::get(
        RegionTy, {ConstantInt::get(RT.Int64Ty, regionId(M, Name)),
                   ConstantInt::get(RT.Int32Ty, AbiVersion),
                   ConstantInt::get(RT.Int32Ty, R.Region->numArgs()), Entry,
                   stringConstant(RT, Name, "distomp.region.name"),
                   stringConstant(RT, File, "distomp.region.file"),
                   ConstantInt::get(RT.Int32Ty, Line),
                   ConstantInt::get(RT.Int32Ty, Callees.size()), Native,
                   pointerArray(RT, Callees, "distomp.region.callees"),
                   watchTable(RT, R.Region->WatchedGlobals.getArrayRef()),
                   ConstantInt::get(RT.Int64Ty, R.Region->WatchedGlobals.size())}));
  }
  Constant *RegionTable = table(RT, RegionTy, Descriptors, "__distomp_module_regions",
                                GlobalValue::InternalLinkage);
  auto *TableTy = ArrayType::get(RegionTy, Descriptors.size());
  for (unsigned I = 0; I < Regions.size(); ++I) {
    CallBase &Fork = *Regions[I].Region->Fork;
    renamePushesBefore(RT, Fork);
    Constant *Idx[] = {ConstantInt::get(RT.Int64Ty, 0), ConstantInt::get(RT.Int64Ty, I)};
    replaceFork(RT, Fork, ConstantExpr::getInBoundsGetElementPtr(TableTy, RegionTable, Idx));
  }

  auto *ModuleDesc = new GlobalVariable(
      M, RT.moduleType(), /*isConstant=*/true, GlobalValue::InternalLinkage,
      ConstantStruct::get(RT.moduleType(),
                          {ConstantInt::get(RT.Int32Ty, AbiVersion),
                           ConstantInt::get(RT.Int32Ty, 0), RT.DsoDelta, RegionTable,
                           ConstantInt::get(RT.Int64Ty, Regions.size()),
                           functionTable(RT, Functions),
                           ConstantInt::get(RT.Int64Ty, Functions.size())}),
      "__distomp_module");

  // Registration runs before any user constructor (priority 0), since a C++
  // static initializer may already open a parallel region.
  auto *CtorTy = FunctionType::get(RT.VoidTy, false);
  Function *Ctor = Function::Create(CtorTy, GlobalValue::InternalLinkage,
                                    "distomp.register_module", M);
  IRBuilder<> B(BasicBlock::Create(RT.Ctx, "entry", Ctor));
  B.CreateCall(RT.RegisterModule, {ModuleDesc});
  B.CreateRetVoid();
  appendToGlobalCtors(M, Ctor, /*Priority=*/0);
}

} // namespace distomp
