// A critical section's lock among three and four processes, each entering it
// again and again: a histogram on the heap filled under it once per sample
// (every process comes back within microseconds, so the lock moves between
// workers all the time, each holding it a while), a work queue taken under
// it with the work done outside, and partial sums combined under it once
// per thread. What each process wrote under the lock is ordered by it: no
// write/write race may be reported (the comparison fails on any runtime
// warning), and every result equals native.
// RUN: %compare --procs 1,2,3,4 --threads 1,2 %s
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

#define SAMPLES 20000
#define BINS 64
#define ITEMS 3000

int main(void) {
  long *hist = calloc(BINS, sizeof(long));
  int *done = calloc(ITEMS, sizeof(int));
  int next = 0;
  double total = 0;
#pragma omp parallel
  {
#pragma omp for schedule(static)
    for (int i = 0; i < SAMPLES; i++) {
      double v = (i % 977) / 977.0 + 0.0005;
      for (int k = 0; k < 100; k++)
        v = 3.9 * v * (1 - v);
      int b = (int)(v * BINS);
#pragma omp critical
      hist[b < BINS ? b : BINS - 1]++;
    }
    // A queue: take an item under the lock, work on it outside.
    for (;;) {
      int item;
#pragma omp critical(queue)
      item = next < ITEMS ? next++ : -1;
      if (item < 0)
        break;
      double w = item;
      for (int k = 0; k < (item % 7) * 50; k++)
        w = w * 0.999 + 1;
      done[item] = (int)w % 1000 + 1;
    }
#pragma omp barrier
    double mine = 0;
#pragma omp for schedule(static)
    for (int i = 0; i < ITEMS; i++)
      mine += done[i] * 0.5;
#pragma omp critical(sum)
    total += mine;
  }
  long all = 0, taken = 0;
  for (int b = 0; b < BINS; b++)
    all += hist[b];
  for (int i = 0; i < ITEMS; i++)
    taken += done[i] != 0;
  printf("%ld samples: bin 0 %ld, bin 20 %ld, bin 63 %ld; %ld of %d items; total %.1f\n", all,
         hist[0], hist[20], hist[BINS - 1], taken, ITEMS, total);
  free(hist);
  free(done);
  return 0;
}
