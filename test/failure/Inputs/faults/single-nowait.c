// A single construct between loops (one thread scales the first loop's
// results), then two nowait loops writing different arrays and a final loop
// that reads both: a worker lost anywhere is replayed without running the
// single again or losing a nowait loop's chunks.
#include <stdio.h>
#include <unistd.h>
#define N 300
long a[N], b[N], c[N], d[N];
long scale;
int main(void) {
#pragma omp parallel
  {
#pragma omp for schedule(dynamic, 10)
    for (int i = 0; i < N; i++) {
      if (i % 10 == 0)
        usleep(30000);
      a[i] = i % 23 + 1;
    }
#pragma omp single
    scale = a[N / 2] * 3;
#pragma omp for schedule(dynamic, 10) nowait
    for (int i = 0; i < N; i++) {
      if (i % 10 == 0)
        usleep(30000);
      b[i] = a[i] * scale;
    }
#pragma omp for schedule(dynamic, 10) nowait
    for (int i = 0; i < N; i++) {
      if (i % 10 == 0)
        usleep(30000);
      c[i] = a[(i + 3) % N] + scale;
    }
#pragma omp barrier
#pragma omp for schedule(static)
    for (int i = 0; i < N; i++)
      d[i] = b[i] - c[(i + 1) % N];
  }
  long s = 0;
  for (int i = 0; i < N; i++)
    s += d[i] * (i % 11 + 1);
  printf("sum %ld scale %ld\n", s, scale);
  return 0;
}
