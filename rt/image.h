//===- image.h - Where the executable lies in this process ------*- C++ -*-===//
//
// Instrumented code names writable globals by the master's addresses (abi.h:
// image rebasing). This unit knows the executable's load base and writable
// data range in this process and the delta to the master's.
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_RT_IMAGE_H
#define DISTOMP_RT_IMAGE_H

#include <cstdint>
#include <string>
#include <vector>

namespace distomp::rt {

struct AddressRange {
  uintptr_t Begin = 0, End = 0;
  bool contains(uintptr_t A) const { return A >= Begin && A < End; }
};

struct ExecutableImage {
  uintptr_t Base = 0;     ///< load bias of the executable
  AddressRange Image;     ///< all its PT_LOAD segments
  AddressRange Writable;  ///< its writable PT_LOAD segments (data, bss)
  struct Segment {
    uintptr_t Vaddr, FileOffset, FileSize;
  };
  std::vector<Segment> ReadOnly; ///< its other PT_LOAD segments (code, constants)
};

/// Reads this process's executable layout (dl_iterate_phdr); once, at start.
void readExecutableImage();
const ExecutableImage &executableImage();

/// The offset from the executable's load base of code at PC: the same in
/// every process of a job, whatever its layout. 0 when PC lies outside the
/// executable (a shared library's code).
uint64_t codeOffset(uintptr_t PC);

/// Sets the delta to the master's image (0 in the master itself).
void setImageDelta(intptr_t Delta);

/// Worker: maps the executable's read-only segments again at the master's
/// addresses (the same file: the build-ids matched), so a pointer the master
/// took to a constant (a string literal, a const table) reads the same bytes
/// here. Returns false (and leaves that segment out) where something of this
/// process is in the way.
bool mirrorMasterConstants();

/// The executable's GNU build-id in hex, or a hash of its file when it has
/// none: processes of one job must run the same binary.
std::string buildId();

} // namespace distomp::rt

#endif
