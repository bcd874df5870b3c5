// A histogram filled under a `critical` entered once per sample, the way
// a first parallel version of a serial program often does it. Samples come
// from rand() seeded by the program; the histogram is checked against a
// serial recount.
//
//   histogram [samples] [bins]     (defaults: 100000 64)
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef HISTOGRAM_NAME
#define HISTOGRAM_NAME "histogram"
#endif

int main(int argc, char **argv) {
  int samples = argc > 1 ? atoi(argv[1]) : 100000, bins = argc > 2 ? atoi(argv[2]) : 64;
  double *x = malloc(sizeof(double) * samples);
  srand(12345);
  for (int i = 0; i < samples; i++)
    x[i] = (double)rand() / RAND_MAX;
  long *hist = calloc(bins, sizeof(long)), *check = calloc(bins, sizeof(long));
#pragma omp parallel for
  for (int i = 0; i < samples; i++) {
    double v = x[i];
    for (int k = 0; k < 400; k++) // a little work per sample
      v = 3.9 * v * (1 - v);
    int b = (int)(v * bins);
    if (b >= bins)
      b = bins - 1;
#ifdef HISTOGRAM_ATOMIC // atomic-histogram.c
#pragma omp atomic
#else
#pragma omp critical
#endif
    hist[b]++;
  }
  for (int i = 0; i < samples; i++) {
    double v = x[i];
    for (int k = 0; k < 400; k++)
      v = 3.9 * v * (1 - v);
    int b = (int)(v * bins);
    check[b >= bins ? bins - 1 : b]++;
  }
  int ok = memcmp(hist, check, sizeof(long) * bins) == 0;
  printf("%s %d samples in %d bins: bin %d holds %ld, bin %d %ld %s\n", HISTOGRAM_NAME, samples,
         bins, bins / 4, hist[bins / 4], bins / 2, hist[bins / 2], ok ? "VERIFIED" : "FAILED");
  return !ok;
}
