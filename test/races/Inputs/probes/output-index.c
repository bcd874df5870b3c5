// A write/write race between the master and a worker (test/races/probes.test).
#include <stdio.h>
int in[1000], out[1000];
int main(void) { int n = 0; for (int i = 0; i < 1000; i++) in[i] = i + 1;
#pragma omp parallel for
  for (int i = 0; i < 1000; i++) out[n++] = in[i];
  printf("%d\n", out[0] > 0); return 0; }
