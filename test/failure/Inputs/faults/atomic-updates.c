// A histogram filled with atomic increments in a dynamic loop, the updates
// kept by each worker until the loop's barrier: a worker lost before it had
// performed any is replayed by the master (they never reached the home);
// one lost after stops the job with a clear error.
#include <stdio.h>
#include <unistd.h>
#define N 400
#define BINS 32
long hist[BINS];
int main(void) {
#pragma omp parallel for schedule(dynamic, 10)
  for (int i = 0; i < N; i++) {
    if (i % 10 == 0)
      usleep(40000);
    for (int k = 0; k < 50; k++) {
#pragma omp atomic
      hist[(i * 7 + k) % BINS] += k + 1;
    }
  }
  long c = 0;
  for (int b = 0; b < BINS; b++)
    c += hist[b] * (b + 1);
  printf("sum %ld\n", c);
  return 0;
}
