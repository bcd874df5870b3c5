// A parallel region inside a teams construct runs locally with libomp (the
// teams do), with a warning naming it; the output is native OpenMP's.
// RUN: %compare --allow-local-regions --allow-warnings --procs 1,3 %s
// RUN: %distomp-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s
// CHECK: warning: distomp: parallel region at {{.*}}teams-runs-locally.c:[[@LINE+7]] runs locally with libomp, not distributed: it uses an enclosing teams construct
#include <stdio.h>

int g[1000];

int main(void) {
  long s = 0;
#pragma omp teams distribute parallel for
  for (int i = 0; i < 1000; i++)
    g[i] = i * 2;
#pragma omp parallel for reduction(+ : s)
  for (int i = 0; i < 1000; i++)
    s += g[i];
  printf("%ld\n", s);
  return 0;
}
