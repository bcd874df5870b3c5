#include "model.h"

double lib_last_sum;        // the shared library's own global
static long lib_calls;

double lib_sum_field(const double *a, long n) {
  double s = 0;
#pragma omp parallel for reduction(+ : s)
  for (long k = 0; k < n; k++)
    s += a[k];
  lib_last_sum = s * 2;
  lib_calls++;
  return s;
}

void lib_scale(double *a, long n, double by) {
#pragma omp parallel for
  for (long k = 0; k < n; k++)
    a[k] = a[k] * by + (double)lib_calls;
}
