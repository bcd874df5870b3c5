//===- symbols.h - Naming the master's addresses for reports ------*- C++ -*-===//
//
// Race reports name what was written: a global by its symbol (the
// executable's .symtab; a stripped binary still has its exported ones) and
// offset, anything else by its address and the kind of memory it lies in;
// the writing code by source line (the DWARF line table) or function. All of
// it is read from /proc/self/exe with elfutils' libdwfl, which runs in the
// runtime's isolated namespace (process/isolated_libraries.h).
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_RT_SYMBOLS_H
#define DISTOMP_RT_SYMBOLS_H

#include <cstdint>
#include <string>

namespace distomp::rt {

/// "'counts' + 12", "heap memory at 0x55d0c2a412c0", ...
std::string describeAddress(uintptr_t Addr);

/// The name of the executable's data object holding Addr, or "".
std::string symbolAt(uintptr_t Addr);

/// The code at CodeOffset in the executable (image.h's codeOffset()):
/// "file.c:12 in f" with debug info (-g), "f" with only a symbol table.
std::string describeCode(uint64_t CodeOffset);

} // namespace distomp::rt

#endif
