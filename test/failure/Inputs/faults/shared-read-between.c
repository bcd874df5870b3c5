// Code between the constructs reads shared memory that changes later in the
// region: each thread copies the phase a `single` set into a local, and a
// later `single` moves the phase on. A replay of a thread lost in the second
// loop runs the code before its last barrier again and would read the new
// phase, computing its chunks with the wrong factor: it must stop the
// program or give native's output, never another.
#include <omp.h>
#include <stdio.h>
#include <unistd.h>
#define N 300
long a[N], b[N];
int phase;
int main(void) {
#pragma omp parallel
  {
#pragma omp single
    phase = 3;
    int factor = phase;
#pragma omp for schedule(dynamic, 10)
    for (int i = 0; i < N; i++) {
      if (i % 10 == 0)
        usleep(40000);
      a[i] = i % 17;
    }
#pragma omp single
    phase = 5;
#pragma omp for schedule(dynamic, 10)
    for (int i = 0; i < N; i++) {
      if (i % 10 == 0)
        usleep(80000); // the second loop is the longer: a kill at 0.8 s lands in it
      b[i] = a[i] * factor + a[(i + 1) % N];
    }
  }
  long s = 0;
  for (int i = 0; i < N; i++)
    s += b[i] * (i % 5 + 1);
  printf("sum %ld, phase %d\n", s, phase);
  return 0;
}
