// 2D heat diffusion written the usual way: a `parallel for` per time step,
// two arrays swapped between steps. Periodic boundaries, so the total heat
// is conserved: the program checks that.
//
//   stencil2d [N] [steps]          (defaults: 1024 200)
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static void step(const double *in, double *out, int n) {
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
    int up = (i + n - 1) % n, down = (i + 1) % n;
    for (int j = 0; j < n; j++) {
      int left = (j + n - 1) % n, right = (j + 1) % n;
      out[i * n + j] = 0.5 * in[i * n + j] + 0.125 * (in[up * n + j] + in[down * n + j] +
                                                      in[i * n + left] + in[i * n + right]);
    }
  }
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 1024, steps = argc > 2 ? atoi(argv[2]) : 200;
  double *a = malloc(sizeof(double) * n * n), *b = malloc(sizeof(double) * n * n);
  double before = 0;
  for (int i = 0; i < n * n; i++) {
    a[i] = (i % 7919) * 0.001 + (i / n == n / 2 ? 100.0 : 0.0);
    before += a[i];
  }
  for (int s = 0; s < steps; s++) {
    step(a, b, n);
    double *t = a;
    a = b;
    b = t;
  }
  double after = 0, corner = a[0], centre = a[(n / 2) * n + n / 2];
  for (int i = 0; i < n * n; i++)
    after += a[i];
  int ok = fabs(after - before) <= 1e-9 * fabs(before);
  printf("stencil2d %d x %d, %d steps: centre %.9f corner %.9f heat %.6e %s\n", n, n, steps, centre,
         corner, after, ok ? "VERIFIED" : "FAILED");
  return !ok;
}
