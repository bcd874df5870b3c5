//===- openmp_local.cpp - OpenMP entry points served by libomp ------------===//
//
// Within one process, libomp already implements every construct the pass
// renames: each __distomp_* entry point of entry_points.def hands its call to
// the libomp function it replaced, unchanged.
//
//===----------------------------------------------------------------------===//
#include "distomp/abi.h"

extern "C" {
#define DISTOMP_KMPC(Ret, Suffix, Params, Args) Ret __kmpc_##Suffix Params;
#define DISTOMP_OMP(Ret, Suffix, Params, Args) Ret omp_##Suffix Params;
#include "distomp/entry_points.def"

#define DISTOMP_KMPC(Ret, Suffix, Params, Args)                                \
  Ret __distomp_##Suffix Params { return __kmpc_##Suffix Args; }
#define DISTOMP_OMP(Ret, Suffix, Params, Args)                                 \
  Ret __distomp_omp_##Suffix Params { return omp_##Suffix Args; }
#include "distomp/entry_points.def"
}
