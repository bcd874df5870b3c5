// A histogram filled with an atomic increment per sample: histogram.c's
// critical section made an `atomic`, as a second version of a program
// does. Samples come from rand() seeded by the program; the histogram is
// checked against a serial recount.
//
//   atomic-histogram [samples] [bins]     (defaults: 100000 64)
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
#pragma omp atomic
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
  printf("atomic histogram %d samples in %d bins: bin %d holds %ld, bin %d %ld %s\n", samples, bins,
         bins / 4, hist[bins / 4], bins / 2, hist[bins / 2], ok ? "VERIFIED" : "FAILED");
  return !ok;
}
