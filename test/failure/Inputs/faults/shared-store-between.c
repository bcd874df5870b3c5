// Code between the constructs stores to shared memory: each thread counts
// its passes into a shared array. A replay from the region's start would
// count again the passes its dead thread had made before a barrier, so a
// worker lost after one must stop the program, never change its output.
#include <omp.h>
#include <stdio.h>
#include <unistd.h>
#define N 300
long a[N], b[N], passes[64];
int main(void) {
#pragma omp parallel
  {
    int t = omp_get_thread_num();
    passes[t] += 1;
#pragma omp for schedule(dynamic, 10)
    for (int i = 0; i < N; i++) {
      if (i % 10 == 0)
        usleep(40000);
      a[i] = i % 17;
    }
    passes[t] += 1;
#pragma omp for schedule(dynamic, 10)
    for (int i = 0; i < N; i++) {
      if (i % 10 == 0)
        usleep(40000);
      b[i] = a[i] + a[(i + 1) % N];
    }
  }
  long s = 0, p = 0;
  for (int i = 0; i < N; i++)
    s += b[i] * (i % 5 + 1);
  for (int t = 0; t < 64; t++)
    p += passes[t];
  printf("sum %ld, passes %ld\n", s, p);
  return 0;
}
