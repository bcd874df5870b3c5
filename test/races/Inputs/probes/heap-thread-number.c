// A write/write race between the master and a worker (test/races/probes.test).
#include <stdio.h>
#include <stdlib.h>
#include <omp.h>
int main(void) { int *who = malloc(sizeof *who); *who = -1;
#pragma omp parallel
  *who = omp_get_thread_num() + 1;
  printf("%d\n", *who > 0); return 0; }
