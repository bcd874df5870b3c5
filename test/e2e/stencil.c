// A checkerboard stencil over a byte array, the access pattern of Ising:
// each colour rewrites every other byte of every page (commits carry byte
// masks), neighbouring processes read each other's boundary pages after
// every barrier (those pages are fetched again at the barrier, all in one
// round), and between regions the master rewrites bytes of every page
// serially (pages a worker fetched at a barrier must still be dropped at the
// next region's start). A colour's new values depend only on the other
// colour, so the result is the same for any split of the work.
// RUN: %compare --procs 1,2,3 --threads 1,2 %s
#include <stdio.h>

#define N (64 * 1024) // 16 pages
signed char a[N];

int main(void) {
  for (int i = 0; i < N; i++)
    a[i] = (signed char)((i * 37) % 7 - 3);
  for (int round = 0; round < 4; round++) {
    for (int i = 0; i < N; i += 97)
      a[i] = (signed char)(a[i] + round);
#pragma omp parallel
    {
      for (int step = 0; step < 6; step++) {
#pragma omp for schedule(static)
        for (int i = 0; i < N; i += 2) {
          int left = a[(i + N - 1) % N], right = a[(i + 1) % N];
          a[i] = (signed char)((left + right + 3 * a[i] + step) % 5);
        }
#pragma omp for schedule(dynamic, 1000)
        for (int i = 1; i < N; i += 2) {
          int left = a[i - 1], right = a[(i + 1) % N];
          a[i] = (signed char)((left - right + 2 * a[i] + step) % 7);
        }
      }
      // A last colour with no barrier of its own: the region's end is the
      // acquire that drops the neighbours' boundary pages.
#pragma omp for schedule(static) nowait
      for (int i = 0; i < N; i += 2)
        a[i] = (signed char)((a[(i + N - 1) % N] + a[i + 1] + a[i]) % 3);
    }
    // Serial work first (about a millisecond), so that a worker's fetches
    // right after the region's end come before the master's writes below.
    long sum = 0;
    for (int pass = 1; pass <= 40; pass++)
      for (int i = 0; i < N; i++)
        sum += a[i] * (i % 13 + pass);
    printf("round %d: checksum %ld\n", round, sum);
  }
  return 0;
}
