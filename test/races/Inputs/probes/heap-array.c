// A write/write race between the master and a worker (test/races/probes.test).
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv) { int n = 10000; double *a = calloc(n, sizeof *a);
#pragma omp parallel for
  for (int i = 0; i < n; i++) a[(i * 31) % 100] = i + 1;
  printf("%d\n", a[0] > 0); free(a); return 0; }
