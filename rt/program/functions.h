//===- functions.h - The program's functions and their versions -*- C++ -*-===//
//
// Every module built by the pass registers the functions other code may call
// (abi.h: distomp_function) with their instrumented versions. Calls from
// distributed code into other units and indirect calls find their targets
// here, and the master decides here, once per region, whether everything a
// region's code can call directly has an instrumented version: if not, the
// region runs natively with libomp (region.cpp) rather than wrong.
//
//===----------------------------------------------------------------------===//
#ifndef DISTOMP_RT_FUNCTIONS_H
#define DISTOMP_RT_FUNCTIONS_H

#include "distomp/abi.h"

#include <cstdint>
#include <string>

namespace distomp::rt {

/// Adds a module's callable functions.
void registerFunctions(const distomp_function *Functions, uint64_t Count);

/// True if every function R's code calls directly, and everything they call
/// in turn, can run in a worker; otherwise Why names the first that cannot
/// and the reason. Decided once per region and remembered.
bool regionCanBeDistributed(const distomp_region &R, std::string &Why);

/// "'name' (in object)" for code at Fn, for messages.
std::string nameOfCode(const void *Fn);

} // namespace distomp::rt

#endif
