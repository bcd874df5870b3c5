// A region using tasks is kept local (with a warning) and still gives
// native OpenMP's output; a plain loop in the same program is distributed.
// RUN: %compare --allow-local-regions --allow-warnings %s
// RUN: %distomp-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s
// CHECK: warning: distomp: parallel region {{.*}} runs locally with libomp, not distributed: it uses task
#include <stdio.h>

long fib(int n) {
  if (n < 2)
    return n;
  long a, b;
#pragma omp task shared(a)
  a = fib(n - 1);
#pragma omp task shared(b)
  b = fib(n - 2);
#pragma omp taskwait
  return a + b;
}

int main(void) {
  long r = 0;
#pragma omp parallel
#pragma omp single
  r = fib(18);
  double v[100];
#pragma omp parallel for
  for (int i = 0; i < 100; i++)
    v[i] = i * 1.5;
  printf("fib=%ld v[99]=%.1f\n", r, v[99]);
  return 0;
}
