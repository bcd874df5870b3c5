// A write/write race between the master and a worker (test/races/probes.test).
#include <stdio.h>
#include <stdlib.h>
int main(void) { int *c = malloc(sizeof *c); *c = 0;
#pragma omp parallel
  (*c)++;
  printf("%d\n", *c > 0); return 0; }
