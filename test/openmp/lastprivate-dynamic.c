// lastprivate with dynamic, guided and nonmonotonic schedules: the value of
// the sequentially last iteration, whichever process ran its chunk. Checked
// against the known answer rather than native OpenMP: libomp 19 itself
// often leaves the variable unset under these schedules.
// RUN: %distomp-cc -O2 %s -o %t
// RUN: env DISTOMP_NUM_PROCS=1 %t | FileCheck %s
// RUN: env DISTOMP_NUM_PROCS=2 %t | FileCheck %s
// RUN: env DISTOMP_NUM_PROCS=4 %t | FileCheck %s
// RUN: distomp-run -n 4 %t | FileCheck %s
// RUN: env DISTOMP_NUM_PROCS=2 DISTOMP_THREADS=3 %t | FileCheck %s
// CHECK: dynamic=2997 guided=1 nonmonotonic=999 runtime=-999 collapse=2939
#include <stdio.h>

int main(void) {
  int d = -1, g = -1, nm = -1, rt = -1;
  long c = -1;
#pragma omp parallel for lastprivate(d) schedule(dynamic, 3)
  for (int i = 0; i < 1000; i++)
    d = i * 3;
#pragma omp parallel for lastprivate(g) schedule(guided)
  for (int i = 1000; i > 0; i -= 3)
    g = i;
#pragma omp parallel for lastprivate(nm) schedule(nonmonotonic : dynamic)
  for (int i = 0; i < 1000; i++)
    nm = i;
#pragma omp parallel for lastprivate(rt) schedule(runtime)
  for (unsigned i = 0; i < 1000; i++)
    rt = -(int)i;
#pragma omp parallel for collapse(2) lastprivate(c) schedule(dynamic, 7)
  for (int i = 0; i < 30; i++)
    for (int j = 0; j < 40; j++)
      c = i * 100L + j;
  printf("dynamic=%d guided=%d nonmonotonic=%d runtime=%d collapse=%ld\n", d, g, nm, rt, c);
  return 0;
}
