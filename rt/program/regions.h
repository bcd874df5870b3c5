//===- regions.h - The program's parallel regions ---------------*- C++ -*-===//
//
// Every module built by the pass registers its region descriptors before main.
// A region is named across processes by its id; this registry finds the
// descriptor (and so the entry point in this process) for an id.
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_RT_REGIONS_H
#define DISTOMP_RT_REGIONS_H

#include "distomp/abi.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace distomp::rt {

/// The registered region with this id, or null.
const distomp_region *findRegion(uint64_t Id);

/// Adds a module's region descriptors (modules.cpp registers modules).
void registerRegions(const distomp_region *Regions, uint64_t Count);

/// "region 'main.omp_outlined' (app.c:12)" for messages: the source line
/// when the program was compiled with one (-g, or a warning made the wrapper
/// track locations), else the file.
std::string describeRegion(const distomp_region &R);

/// Number of registered regions.
size_t numRegions();

/// Checks a descriptor's ABI version; ends the program if it is not ours.
void checkRegionAbi(const distomp_region &R);

} // namespace distomp::rt

#endif
