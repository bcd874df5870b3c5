// An ordered loop needs its iterations' ordered blocks in sequence across the
// team; DistOMP does not distribute it yet. The region runs locally with a
// warning naming the construct and line, and prints what native OpenMP
// prints; the plain loop beside it is distributed.
// RUN: %compare --allow-local-regions --allow-warnings %s
// RUN: %distomp-cc -O2 -fopenmp -c %s -o %t.o 2>&1 | FileCheck %s
// CHECK: ordered-runs-locally.c:{{[0-9]+}}:{{[0-9]+}}: warning: distomp: parallel region {{.*}} runs locally with libomp, not distributed: it uses OpenMP runtime call '__kmpc_ordered'
#include <stdio.h>
int ord[100], on;
double sq[1000];
int main(void) {
#pragma omp parallel for
  for (int i = 0; i < 1000; i++)
    sq[i] = (double)i * i;
#pragma omp parallel for ordered schedule(dynamic)
  for (int i = 0; i < 100; i++) {
#pragma omp ordered
    ord[on++] = i;
  }
  int ok = 1;
  for (int i = 0; i < 100; i++)
    ok &= ord[i] == i;
  printf("ordered %d, sq[999] %.0f\n", ok, sq[999]);
  return 0;
}
