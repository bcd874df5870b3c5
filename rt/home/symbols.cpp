//===- symbols.cpp - Naming the master's addresses for reports ------------===//
#include "home/symbols.h"
#include "memory/address_space.h"
#include "process/isolated_libraries.h"
#include "program/image.h"

#include <algorithm>
#include <cxxabi.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>
#include <cstdlib>
#include <cstdio>
#include <mutex>
#include <vector>

namespace distomp::rt {
namespace {

struct DataSymbol {
  uintptr_t Begin, Size;
  std::string Name;
};

/// Serializes libdwfl, which is not thread-safe. Never destroyed: the home
/// thread may report until the process ends.
auto &DwflLock = *new std::mutex;

/// The executable as libdwfl sees it (symbols, line tables), or null.
Dwfl_Module *executableModule() {
  static std::once_flag Once;
  static Dwfl_Module *Module;
  std::call_once(Once, [] {
    if (!debugInfoReaderLoaded())
      return;
    static Dwfl_Callbacks Callbacks;
    Callbacks.find_debuginfo = dwfl_standard_find_debuginfo; // separate .debug files too
    Callbacks.section_address = dwfl_offline_section_address;
    Dwfl *D = dwfl_begin(&Callbacks);
    if (!D)
      return;
    dwfl_report_begin(D);
    Module = dwfl_report_elf(D, "executable", "/proc/self/exe", -1, executableImage().Base,
                             /*add_p_vaddr=*/false);
    dwfl_report_end(D, nullptr, nullptr);
  });
  return Module;
}

/// The executable's data objects (STT_OBJECT with a size), by address:
/// its .symtab when present, else .dynsym (libdwfl's choice).
std::vector<DataSymbol> readDataSymbols() {
  std::vector<DataSymbol> Out;
  std::lock_guard<std::mutex> G(DwflLock);
  Dwfl_Module *M = executableModule();
  int Count = M ? dwfl_module_getsymtab(M) : -1;
  for (int I = 1; I < Count; ++I) {
    GElf_Sym Sym;
    GElf_Addr Addr; // load address
    const char *Name = dwfl_module_getsym_info(M, I, &Sym, &Addr, nullptr, nullptr, nullptr);
    if (Name && GELF_ST_TYPE(Sym.st_info) == STT_OBJECT && Sym.st_size != 0)
      Out.push_back({uintptr_t(Addr), uintptr_t(Sym.st_size), Name});
  }
  std::sort(Out.begin(), Out.end(),
            [](const DataSymbol &A, const DataSymbol &B) { return A.Begin < B.Begin; });
  return Out;
}

const std::vector<DataSymbol> &dataSymbols() {
  static std::once_flag Once;
  static std::vector<DataSymbol> *Symbols;
  std::call_once(Once, [] { Symbols = new std::vector<DataSymbol>(readDataSymbols()); });
  return *Symbols;
}

/// The data object holding Addr, or null.
const DataSymbol *symbolHolding(uintptr_t Addr) {
  const std::vector<DataSymbol> &Syms = dataSymbols();
  auto It = std::upper_bound(Syms.begin(), Syms.end(), Addr,
                             [](uintptr_t A, const DataSymbol &S) { return A < S.Begin; });
  if (It == Syms.begin() || Addr >= std::prev(It)->Begin + std::prev(It)->Size)
    return nullptr;
  return &*std::prev(It);
}

/// "file.c:12" for the code at PC, or "". The compilation units are searched
/// by their own address ranges: clang writes no .debug_aranges, which
/// dwfl_module_getsrc relies on before elfutils 0.191.
std::string sourceLine(Dwfl_Module *M, Dwarf_Addr PC) {
  Dwarf_Addr Bias;
  for (Dwarf_Die *CU = dwfl_module_nextcu(M, nullptr, &Bias); CU;
       CU = dwfl_module_nextcu(M, CU, &Bias)) {
    if (dwarf_haspc(CU, PC - Bias) <= 0)
      continue;
    Dwarf_Line *L = dwarf_getsrc_die(CU, PC - Bias);
    int Line = 0;
    const char *File = L ? dwarf_linesrc(L, nullptr, nullptr) : nullptr;
    if (!File || dwarf_lineno(L, &Line) != 0 || Line <= 0)
      return "";
    return std::string(File) + ":" + std::to_string(Line);
  }
  return "";
}

std::string demangled(const char *Name) {
  int Status = 0;
  char *D = abi::__cxa_demangle(Name, nullptr, nullptr, &Status);
  std::string Out = Status == 0 && D ? D : Name;
  std::free(D);
  return Out;
}

} // namespace

std::string describeCode(uint64_t CodeOffset) {
  std::lock_guard<std::mutex> G(DwflLock);
  Dwarf_Addr PC = executableImage().Base + CodeOffset;
  Dwfl_Module *M = executableModule();
  const char *Function = M ? dwfl_module_addrname(M, PC) : nullptr;
  std::string Line = M ? sourceLine(M, PC) : "";
  if (Function)
    return Line.empty() ? demangled(Function) : Line + " in " + demangled(Function);
  if (!Line.empty())
    return Line;
  char Buf[48];
  std::snprintf(Buf, sizeof Buf, "offset 0x%llx of the executable", (unsigned long long)CodeOffset);
  return Buf;
}

std::string symbolAt(uintptr_t Addr) {
  const DataSymbol *S = symbolHolding(Addr);
  return S ? S->Name : std::string();
}

std::string describeAddress(uintptr_t Addr) {
  char Buf[64];
  if (const DataSymbol *S = symbolHolding(Addr)) {
    std::snprintf(Buf, sizeof Buf, " + %llu", (unsigned long long)(Addr - S->Begin));
    return "'" + S->Name + "'" + (Addr == S->Begin ? std::string() : std::string(Buf));
  }
  std::string Where = mappingNameAt(Addr, Addr + 1);
  std::string Kind = Where == "[stack]"  ? "the master's stack"
                     : Where == "[heap]" ? "heap memory"
                     : Where == "an anonymous mapping"
                         ? "mapped memory (a large allocation or mmap)"
                         : "memory of " + Where;
  std::snprintf(Buf, sizeof Buf, " at 0x%llx", (unsigned long long)Addr);
  return Kind + Buf;
}

} // namespace distomp::rt
