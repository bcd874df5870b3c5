// A region per time step, as most iterative programs are written, with a
// reduction of the change in each step.
#include <math.h>
#include <stdio.h>
#include <unistd.h>
#define N 4096
double u[N], v[N];
int main(void) {
  for (int i = 0; i < N; i++)
    u[i] = (i * 37) % 101;
  double change = 0;
  for (int s = 0; s < 40; s++) {
    change = 0;
#pragma omp parallel for schedule(static) reduction(+ : change)
    for (int i = 1; i < N - 1; i++) {
      if (i % 1024 == 1)
        usleep(5000);
      v[i] = (u[i - 1] + 2 * u[i] + u[i + 1]) / 4;
      change += fabs(v[i] - u[i]);
    }
#pragma omp parallel for schedule(static)
    for (int i = 1; i < N - 1; i++)
      u[i] = v[i];
  }
  printf("change %.6f\n", change);
  return 0;
}
