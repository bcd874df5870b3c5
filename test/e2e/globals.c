// Globals: arrays, scalars and structs at file scope, read and written by
// parallel loops, including a static local and a global pointer to a global.
// RUN: %compare %s
#include <stdio.h>

#define N 10000
double a[N], b[N];
int counts[16];
struct { long sum; int max; } stats;
static const double weights[4] = {0.5, 1.5, 2.5, 3.5};
double *alias = b;

int main(void) {
  static int calls;
  for (int i = 0; i < N; i++)
    a[i] = i % 97;
#pragma omp parallel for
  for (int i = 0; i < N; i++)
    alias[i] = a[i] * weights[i % 4];
  long sum = 0;
  int max = 0;
#pragma omp parallel for reduction(+ : sum) reduction(max : max)
  for (int i = 0; i < N; i++) {
    sum += (long)b[i];
    if ((int)b[i] > max)
      max = (int)b[i];
  }
  stats.sum = sum;
  stats.max = max;
#pragma omp parallel for
  for (int k = 0; k < 16; k++) {
    int c = 0;
    for (int i = k; i < N; i += 16)
      c += (int)a[i] & 1;
    counts[k] = c;
  }
  calls++;
  printf("sum=%ld max=%d calls=%d\n", stats.sum, stats.max, calls);
  for (int k = 0; k < 16; k++)
    printf("%d ", counts[k]);
  printf("\nb[1234]=%.3f\n", b[1234]);
  return 0;
}
