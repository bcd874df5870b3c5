// As scientists write it: sizes in main's locals, arrays from malloc, a
// helper called from the loops, two loops with a barrier between them.
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
static double smooth(const double *u, int i, int n) {
  return (u[(i + n - 1) % n] + 2 * u[i] + u[(i + 1) % n]) / 4;
}
int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 3000, chunk = 100;
  double *u = malloc(n * sizeof *u), *v = malloc(n * sizeof *v);
  for (int i = 0; i < n; i++)
    u[i] = (i * 37) % 101;
#pragma omp parallel
  {
#pragma omp for schedule(dynamic, chunk)
    for (int i = 0; i < n; i++) {
      if (i % chunk == 0)
        usleep(30000);
      v[i] = smooth(u, i, n);
    }
#pragma omp for schedule(dynamic, chunk)
    for (int i = 0; i < n; i++) {
      if (i % chunk == 0)
        usleep(30000);
      u[i] = smooth(v, i, n);
    }
  }
  double s = 0;
  for (int i = 0; i < n; i++)
    s += u[i] * (i % 7 + 1);
  printf("sum %.6f\n", s);
  free(u);
  free(v);
  return 0;
}
