// Orphaned worksharing: omp for, single and barrier in a function that a
// region calls and serial code calls too; and a region opened many times in a
// convergence loop, as Jacobi iterations do.
// RUN: %compare %s
#include <omp.h>
#include <stdio.h>
#define N 2000
double a[N], b[N];
int owner[N];
long total;
void smooth(int n) {           /* orphaned worksharing: binds to the caller's team */
#pragma omp for schedule(static, 16)
  for (int i = 1; i < n - 1; i++) {
    b[i] = (a[i - 1] + a[i] + a[i + 1]) / 3.0;
    owner[i] = omp_get_thread_num();
  }
#pragma omp single
  total += n;
#pragma omp barrier
}
int main(void) {
  for (int i = 0; i < N; i++) a[i] = i % 17;
  smooth(N);                   /* serial call: a team of one */
  double s1 = 0; for (int i = 0; i < N; i++) s1 += b[i];
#pragma omp parallel
  {
    smooth(N);
#pragma omp critical
    total += 1;
  }
  double s2 = 0; for (int i = 0; i < N; i++) s2 += b[i];
  int iters = 0; double err = 1;
  while (err > 1e-3 && iters < 300) { /* a region opened many times, Jacobi-style */
    err = 0;
#pragma omp parallel for reduction(max : err)
    for (int i = 1; i < N - 1; i++) {
      double v = 0.5 * (a[i - 1] + a[i + 1]);
      double d = v > a[i] ? v - a[i] : a[i] - v;
      if (d > err) err = d;
      b[i] = v;
    }
#pragma omp parallel for
    for (int i = 1; i < N - 1; i++) a[i] = b[i];
    iters++;
  }
  printf("%.2f %.2f total=%ld owners:", s1, s2, total - omp_get_max_threads());
  for (int i = 1; i < N - 1; i += 97) printf(" %d", owner[i]);
  printf("\niters=%d a[100]=%.4f\n", iters, a[100]);
  return 0;
}
