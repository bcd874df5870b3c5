// Two dynamic loops in one region; the second reads the first's results
// across chunk boundaries, after the implicit barrier between them. A
// worker lost in either loop is replayed by the master.
#include <stdio.h>
#include <unistd.h>
#define N 400
long a[N], b[N];
int main(void) {
#pragma omp parallel
  {
#pragma omp for schedule(dynamic, 10)
    for (int i = 0; i < N; i++) {
      if (i % 10 == 0)
        usleep(40000);
      a[i] = (long)i * i % 1000 + 1;
    }
#pragma omp for schedule(dynamic, 10)
    for (int i = 0; i < N; i++) {
      if (i % 10 == 0)
        usleep(40000);
      b[i] = a[(i + 7) % N] + a[i];
    }
  }
  long c = 0;
  for (int i = 0; i < N; i++)
    c += b[i] * (i % 13);
  printf("sum %ld\n", c);
  return 0;
}
