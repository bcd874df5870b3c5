//===- image.h - Where the program's objects lie in this process -*- C++ -*-===//
//
// Instrumented code names writable globals by the master's addresses (abi.h:
// image rebasing), and function pointers in shared memory hold the master's
// code addresses. This unit knows every loaded object (the executable and
// its shared libraries): its load base and segments here, the master's base,
// and so the delta between them. Objects built by the pass have writable
// data that is shared memory, like the executable's; their modules register
// the object's __distomp_dso_delta, which this unit sets.
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_RT_IMAGE_H
#define DISTOMP_RT_IMAGE_H

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace distomp::rt {

struct AddressRange {
  uintptr_t Begin = 0, End = 0;
  bool contains(uintptr_t A) const { return A >= Begin && A < End; }
};

/// True if one of Ranges holds A.
inline bool inAnyRange(const std::vector<AddressRange> &Ranges, uintptr_t A) {
  for (const AddressRange &R : Ranges)
    if (R.contains(A))
      return true;
  return false;
}

/// The same for Ranges sorted by Begin and disjoint (listMasterRanges's),
/// in logarithmic time: a collection asks for every page it watches.
inline bool inSortedRanges(const std::vector<AddressRange> &Ranges, uintptr_t A) {
  size_t Lo = 0, Hi = Ranges.size();
  while (Lo < Hi) { // the first range that ends after A
    size_t Mid = (Lo + Hi) / 2;
    if (Ranges[Mid].End <= A)
      Lo = Mid + 1;
    else
      Hi = Mid;
  }
  return Lo < Ranges.size() && Ranges[Lo].contains(A);
}

struct ExecutableImage {
  std::string Path;       ///< "" for the executable, else the name the loader used
  std::string RealPath;   ///< the file, as /proc/self/maps names it
  uintptr_t Base = 0;     ///< load bias
  AddressRange Image;     ///< all its PT_LOAD segments
  AddressRange Writable;  ///< its writable PT_LOAD segments (data, bss)
  struct Segment {
    uintptr_t Vaddr, FileOffset, FileSize;
  };
  std::vector<Segment> ReadOnly; ///< its other PT_LOAD segments (code, constants)
  intptr_t Delta = 0;            ///< the master's base minus this one
  bool MasterHasIt = false;      ///< the master reported the same object
  intptr_t *DsoDelta = nullptr;  ///< registered by its modules: built by the pass
};

/// Reads this process's loaded objects (dl_iterate_phdr); at start, and again
/// when a module registers from an object not seen yet (dlopen).
void readExecutableImage();
const ExecutableImage &executableImage();

/// Each object's path and load base, for the master's join.
std::vector<std::pair<std::string, uint64_t>> objectBases();

/// Worker: takes the master's object bases and sets every object's delta
/// (and the deltas of objects built by the pass).
void adoptMasterObjects(const std::vector<std::pair<std::string, uint64_t>> &Master);

/// A module's constructor registered its object's __distomp_dso_delta.
void registerObjectDelta(intptr_t *Slot);

/// True if Path names an object built by the pass (its data is shared).
bool isInstrumentedObject(const std::string &Path);

/// The object holding this process's address A, or null.
const ExecutableImage *objectAt(uintptr_t A);

/// The object whose master copy holds the master's address A, or null.
const ExecutableImage *objectAtMaster(uintptr_t A);

/// The offset from the executable's load base of code at PC: the same in
/// every process of a job, whatever its layout. 0 when PC lies outside the
/// executable (a shared library's code).
uint64_t codeOffset(uintptr_t PC);

/// Worker: maps the read-only segments of the executable and of the objects
/// built by the pass again at the master's addresses (the same files: the
/// build-ids matched), so a pointer the master took to a constant (a string
/// literal, a const table) reads the same bytes here. Returns false (and
/// leaves that segment out) where something of this process is in the way.
bool mirrorMasterConstants();

/// The executable's GNU build-id in hex, or a hash of its file when it has
/// none: processes of one job must run the same binary.
std::string buildId();

} // namespace distomp::rt

#endif
