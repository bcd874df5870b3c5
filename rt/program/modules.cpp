//===- modules.cpp - What each module built by the pass registers ---------===//
//
// A constructor the pass emits in every module hands over, before any user
// constructor runs: the module's regions, the functions other code may call
// with their instrumented versions, and its object's image delta (abi.h).
//
//===----------------------------------------------------------------------===//
#include "process/diag.h"
#include "program/functions.h"
#include "program/image.h"
#include "program/regions.h"

#include "distomp/abi.h"

extern "C" void __distomp_register_module(const distomp_module *M) {
  using namespace distomp::rt;
  if (M->abi_version != DISTOMP_ABI_VERSION)
    fatal("a module of this program was compiled for DistOMP ABI %u, but this runtime speaks "
          "ABI %u: rebuild the program with the matching distomp-cc",
          M->abi_version, DISTOMP_ABI_VERSION);
  registerObjectDelta(M->dso_delta);
  registerRegions(M->regions, M->num_regions);
  registerFunctions(M->functions, M->num_functions);
}
