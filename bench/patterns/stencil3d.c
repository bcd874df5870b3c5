// 3D 7-point diffusion, one parallel region around the time loop: a
// worksharing loop per step and its implicit barrier, then a `single` that
// swaps the arrays. Periodic boundaries; total heat is conserved.
//
//   stencil3d [N] [steps]          (defaults: 96 100)
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define IDX(i, j, k) (((size_t)(i)*n + (j)) * n + (k))

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 96, steps = argc > 2 ? atoi(argv[2]) : 100;
  size_t cells = (size_t)n * n * n;
  double *a = malloc(sizeof(double) * cells), *b = malloc(sizeof(double) * cells);
  double before = 0;
  for (size_t c = 0; c < cells; c++) {
    a[c] = (double)((c * 2654435761u) % 1000) / 1000.0;
    before += a[c];
  }
#pragma omp parallel
  for (int s = 0; s < steps; s++) {
#pragma omp for schedule(static)
    for (int i = 0; i < n; i++)
      for (int j = 0; j < n; j++)
        for (int k = 0; k < n; k++) {
          int ip = (i + 1) % n, im = (i + n - 1) % n, jp = (j + 1) % n, jm = (j + n - 1) % n,
              kp = (k + 1) % n, km = (k + n - 1) % n;
          b[IDX(i, j, k)] = 0.4 * a[IDX(i, j, k)] +
                            0.1 * (a[IDX(ip, j, k)] + a[IDX(im, j, k)] + a[IDX(i, jp, k)] +
                                   a[IDX(i, jm, k)] + a[IDX(i, j, kp)] + a[IDX(i, j, km)]);
        }
#pragma omp single
    {
      double *t = a;
      a = b;
      b = t;
    }
  }
  double after = 0;
  for (size_t c = 0; c < cells; c++)
    after += a[c];
  int ok = fabs(after - before) <= 1e-9 * fabs(before);
  printf("stencil3d %d^3, %d steps: a[1,2,3] %.9f heat %.6e %s\n", n, steps, a[IDX(1, 2, 3)], after,
         ok ? "VERIFIED" : "FAILED");
  return !ok;
}
