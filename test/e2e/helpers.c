// Helper functions called from parallel loops: a static helper, an external
// one that serial code also calls (cloned), a recursive one, and helpers that
// write globals by name.
// RUN: %compare %s
#include <math.h>
#include <stdio.h>

double table[2048];
long calls_serial;

static double smooth(double x) { return sqrt(x * x + 1.0) - 1.0; }

long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

void record(int i, double v) { table[i] = v; }

static int collatz(long x) {
  return x == 1 ? 0 : 1 + collatz(x % 2 ? 3 * x + 1 : x / 2);
}

int main(void) {
  calls_serial = fib(20); // serial use of the same function
  long f[24];
  int steps[2048];
#pragma omp parallel for schedule(dynamic)
  for (int i = 0; i < 24; i++)
    f[i] = fib(i);
#pragma omp parallel for
  for (int i = 0; i < 2048; i++) {
    record(i, smooth(i / 64.0));
    steps[i] = collatz(i + 1);
  }
  long sf = 0, ss = 0;
  double st = 0;
  for (int i = 0; i < 24; i++)
    sf += f[i];
  for (int i = 0; i < 2048; i++) {
    ss += steps[i];
    st += table[i];
  }
  printf("fib(20)=%ld sum fib=%ld steps=%ld table=%.6f\n", calls_serial, sf, ss, st);
  return 0;
}
