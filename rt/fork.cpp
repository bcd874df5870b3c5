//===- fork.cpp - Running a parallel region -------------------------------===//
//
// A single process runs a taken region on libomp's team: the region's entry
// trampoline has the shape of a one-argument libomp microtask.
//
//===----------------------------------------------------------------------===//
#include "regions.h"

#include "distomp/abi.h"

extern "C" {
typedef void (*kmpc_micro)(int32_t *, int32_t *, ...);
void __kmpc_fork_call(ident_t *loc, int32_t argc, kmpc_micro fn, ...);
}

extern "C" void __distomp_fork_call(ident_t *Loc, const distomp_region *Region, void **Args) {
  distomp::rt::checkRegionAbi(*Region);
  __kmpc_fork_call(Loc, 1, reinterpret_cast<kmpc_micro>(Region->entry), Args);
}
