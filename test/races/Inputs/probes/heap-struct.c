// A write/write race between the master and a worker (test/races/probes.test).
#include <stdio.h>
#include <stdlib.h>
struct acc { double sum; long n; };
int main(void) { struct acc *s = calloc(1, sizeof *s); double *x = malloc(100000 * sizeof *x);
  for (int i = 0; i < 100000; i++) x[i] = i % 7;
#pragma omp parallel for
  for (int i = 0; i < 100000; i++) { s->sum += x[i]; s->n++; }
  printf("%d\n", s->n > 0); return 0; }
