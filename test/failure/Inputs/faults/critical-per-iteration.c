// A histogram filled under a critical section per iteration, from every
// process: the lock stays with the process that used it last until another
// asks. A worker lost while keeping it (or with its releases already seen)
// must not change the counts: it is replayed, or the job stops cleanly.
#include <stdio.h>
#include <unistd.h>
#define N 3000
#define BINS 16
long hist[BINS];
int main(void) {
#pragma omp parallel for schedule(static)
  for (int i = 0; i < N; i++) {
    if (i % 100 == 0)
      usleep(20000);
    unsigned h = (unsigned)i * 2654435761u;
#pragma omp critical
    hist[(h >> 7) % BINS] += i % 7 + 1;
  }
  long c = 0;
  for (int b = 0; b < BINS; b++)
    c += hist[b] * (b + 1);
  printf("sum %ld\n", c);
  return 0;
}
