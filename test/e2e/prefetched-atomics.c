// An atomic on a page the process has prefetched: every thread writes part
// of one page in a loop, so after each barrier the page is new to all of
// them and, read every step, is prefetched at the barrier; then each thread
// updates its own element atomically (at the home) and reads it back. The
// read must see the update, not the copy prefetched before it.
// RUN: %compare --procs 1,2,3 --threads 1,2 %s
#include <omp.h>
#include <stdio.h>

long v[512]; // one page
long seen[64];

int main(void) {
#pragma omp parallel
  {
    int me = omp_get_thread_num();
    long mine = 0;
    for (int step = 1; step <= 8; step++) {
#pragma omp for schedule(static)
      for (int i = 0; i < 512; i++)
        v[i] += i + step;
#pragma omp atomic
      v[me] += 1000;
      mine += v[me];
#pragma omp barrier
    }
    seen[me] = mine;
  }
  long total = 0;
  for (int t = 0; t < 64; t++)
    total += seen[t] * (t + 1);
  printf("total %ld, v[0] %ld, v[511] %ld\n", total, v[0], v[511]);
  return 0;
}
