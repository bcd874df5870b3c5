// A dynamic loop slow enough to kill a process in the middle of it: every
// chunk sleeps. No reduction or atomic, so a dead worker's part can be run
// again exactly.
#include <stdio.h>
#include <unistd.h>
#ifndef N
#define N 600 // -DN=6000 -DNAP_US=300000: about a minute on 3 processes
#endif
#ifndef NAP_US
#define NAP_US 100000
#endif
long a[N];
int main(void) {
#pragma omp parallel for schedule(dynamic, 10)
  for (int i = 0; i < N; i++) {
    if (i % 10 == 0)
      usleep(NAP_US);
    a[i] = (long)i * i % 1000 + 1;
  }
  long s = 0;
  for (int i = 0; i < N; i++)
    s += a[i] * (i + 1);
  printf("sum %ld\n", s);
  return 0;
}
