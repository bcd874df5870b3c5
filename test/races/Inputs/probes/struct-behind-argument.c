// A write/write race between the master and a worker (test/races/probes.test).
#include <stdio.h>
#include <stdlib.h>
typedef struct { double *v; int n; } vec;
void axpy(vec *y, double a, int i) { y->v[i % 8] += a * i; }
int main(void) { vec y = {calloc(1 << 18, sizeof(double)), 1 << 18};
#pragma omp parallel for
  for (int i = 0; i < y.n; i++) axpy(&y, 2.0, i);
  printf("%d\n", y.v[1] > 0); return 0; }
