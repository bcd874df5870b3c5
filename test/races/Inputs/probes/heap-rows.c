// A write/write race between the master and a worker (test/races/probes.test).
#include <stdio.h>
#include <stdlib.h>
int main(void) { int n = 1000; double **m = malloc(n * sizeof *m);
  for (int i = 0; i < n; i++) m[i] = calloc(n, sizeof **m);
#pragma omp parallel for
  for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) m[0][j] += i + j + 1;
  printf("%d\n", m[0][0] > 0); return 0; }
