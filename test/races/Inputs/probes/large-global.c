// A write/write race between the master and a worker (test/races/probes.test).
#include <stdio.h>
int big[1 << 20];
int main(void) {
#pragma omp parallel for
  for (int i = 0; i < (1 << 20); i++) big[i % 64] = i + 1;
  printf("%d\n", big[0] > 0); return 0; }
