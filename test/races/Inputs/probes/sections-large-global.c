// A write/write race between the master and a worker (test/races/probes.test).
#include <stdio.h>
#include <stdlib.h>
double field[300000];
int main(void) {
#pragma omp parallel sections
  {
#pragma omp section
    for (int i = 0; i < 1000; i++) field[i] = 1;
#pragma omp section
    for (int i = 0; i < 1000; i++) field[i] = 2;
  }
  printf("%d\n", field[0] > 0); return 0; }
