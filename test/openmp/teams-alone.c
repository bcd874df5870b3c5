// A teams construct with no parallel region inside is warned about too: its
// teams run in the master with libomp. The output is native OpenMP's.
// RUN: %compare --allow-local-regions --allow-warnings --procs 1,2 %s
// RUN: %distomp-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s
// CHECK: teams-alone.c:[[@LINE+6]]:{{[0-9]+}}: warning: distomp: teams construct runs locally with libomp in the master, not distributed
#include <stdio.h>

int g[1000];

int main(void) {
#pragma omp teams distribute
  for (int i = 0; i < 1000; i++)
    g[i] = i * 3;
  long s = 0;
#pragma omp parallel for reduction(+ : s)
  for (int i = 0; i < 1000; i++)
    s += g[i];
  printf("%ld\n", s);
  return 0;
}
