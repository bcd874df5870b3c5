// A 1D stencil whose time steps are loops of one region, with the implicit
// barrier of each step: every thread's boundary cells are read by its
// neighbours in the next step.
#include <stdio.h>
#include <unistd.h>
#define N 2048
#define STEPS 30
double u[N], v[N];
int main(void) {
  for (int i = 0; i < N; i++)
    u[i] = (i * 37) % 101;
#pragma omp parallel
  for (int s = 0; s < STEPS; s++) {
#pragma omp for schedule(static)
    for (int i = 1; i < N - 1; i++) {
      if (i % 256 == 1)
        usleep(8000);
      v[i] = (u[i - 1] + 2 * u[i] + u[i + 1]) / 4;
    }
#pragma omp for schedule(static)
    for (int i = 1; i < N - 1; i++)
      u[i] = v[i];
  }
  double sum = 0;
  for (int i = 0; i < N; i++)
    sum += u[i] * (i % 7 + 1);
  printf("sum %.6f\n", sum);
  return 0;
}
