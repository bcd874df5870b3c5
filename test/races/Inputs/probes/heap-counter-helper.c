// A write/write race between the master and a worker (test/races/probes.test).
#include <stdio.h>
#include <stdlib.h>
int *counter;
void bump(void) { (*counter)++; }
int main(void) { counter = malloc(sizeof *counter); *counter = 0;
#pragma omp parallel
  bump();
  printf("%d\n", *counter > 0); return 0; }
