// Compute-bound kernel with small data: European option pricing (Black-
// Scholes closed form, repeated to give each option real work). Prints a
// checksum, so native and DistOMP runs can be compared, and the loop time.
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

static double cnd(double x) { return 0.5 * erfc(-x / sqrt(2.0)); }

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 20000;
  int reps = argc > 2 ? atoi(argv[2]) : 200;
  double *s = malloc(n * sizeof *s), *k = malloc(n * sizeof *k), *t = malloc(n * sizeof *t);
  double *price = malloc(n * sizeof *price);
  for (int i = 0; i < n; i++) {
    s[i] = 50 + (i % 100);
    k[i] = 60 + (i % 37);
    t[i] = 0.25 + (i % 8) * 0.25;
  }
  double r = 0.02, v = 0.3;
  double t0 = omp_get_wtime();
#pragma omp parallel for schedule(static)
  for (int i = 0; i < n; i++) {
    double acc = 0;
    for (int j = 0; j < reps; j++) {
      double vol = v + j * 1e-5;
      double d1 = (log(s[i] / k[i]) + (r + vol * vol / 2) * t[i]) / (vol * sqrt(t[i]));
      double d2 = d1 - vol * sqrt(t[i]);
      acc += s[i] * cnd(d1) - k[i] * exp(-r * t[i]) * cnd(d2);
    }
    price[i] = acc / reps;
  }
  double elapsed = omp_get_wtime() - t0;
  double sum = 0;
  for (int i = 0; i < n; i++)
    sum += price[i];
  printf("checksum %.6f\n", sum);
  fprintf(stderr, "loop %.4f s\n", elapsed);
  return 0;
}
