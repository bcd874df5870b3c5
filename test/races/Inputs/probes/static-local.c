// A write/write race between the master and a worker (test/races/probes.test).
#include <stdio.h>
int tick(void) { static int q; q += 1; return q; }
int main(void) {
#pragma omp parallel for
  for (int i = 0; i < 1000; i++) tick();
  printf("%d\n", tick() > 0); return 0; }
