// Conjugate gradient on a 2D Poisson matrix in compressed sparse rows, the
// way small solvers write it: a sparse matrix-vector product and vector
// updates as separate `parallel for` loops, dot products as reductions,
// every iteration. Checks that the residual of the solution, recomputed,
// fell by at least 1e6.
//
//   cg [grid] [iterations]         (defaults: 256 1500)
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static int rows;
static int *row_start, *col;
static double *val;

static void matvec(const double *x, double *y) {
#pragma omp parallel for
  for (int r = 0; r < rows; r++) {
    double s = 0;
    for (int k = row_start[r]; k < row_start[r + 1]; k++)
      s += val[k] * x[col[k]];
    y[r] = s;
  }
}

static double dot(const double *a, const double *b) {
  double s = 0;
#pragma omp parallel for reduction(+ : s)
  for (int i = 0; i < rows; i++)
    s += a[i] * b[i];
  return s;
}

int main(int argc, char **argv) {
  int g = argc > 1 ? atoi(argv[1]) : 256, iters = argc > 2 ? atoi(argv[2]) : 1500;
  rows = g * g;
  row_start = malloc(sizeof(int) * (rows + 1));
  col = malloc(sizeof(int) * rows * 5);
  val = malloc(sizeof(double) * rows * 5);
  int nz = 0;
  for (int i = 0; i < g; i++)
    for (int j = 0; j < g; j++) {
      row_start[i * g + j] = nz;
      int nb[4][2] = {{i - 1, j}, {i, j - 1}, {i, j + 1}, {i + 1, j}};
      for (int k = 0; k < 4; k++)
        if (nb[k][0] >= 0 && nb[k][0] < g && nb[k][1] >= 0 && nb[k][1] < g) {
          col[nz] = nb[k][0] * g + nb[k][1];
          val[nz++] = -1.0;
        }
      col[nz] = i * g + j;
      val[nz++] = 4.0;
    }
  row_start[rows] = nz;
  double *x = calloc(rows, sizeof(double)), *b = malloc(sizeof(double) * rows),
         *r = malloc(sizeof(double) * rows), *p = malloc(sizeof(double) * rows),
         *q = malloc(sizeof(double) * rows);
  for (int i = 0; i < rows; i++)
    b[i] = r[i] = p[i] = 1.0 + (i % 11) * 0.1;
  double rr = dot(r, r), first = sqrt(rr);
  int it;
  for (it = 0; it < iters && sqrt(rr) > 1e-10 * first; it++) {
    matvec(p, q);
    double alpha = rr / dot(p, q);
#pragma omp parallel for
    for (int i = 0; i < rows; i++) {
      x[i] += alpha * p[i];
      r[i] -= alpha * q[i];
    }
    double next = dot(r, r), beta = next / rr;
    rr = next;
#pragma omp parallel for
    for (int i = 0; i < rows; i++)
      p[i] = r[i] + beta * p[i];
  }
  matvec(x, q); // the true residual
  double res = 0;
  for (int i = 0; i < rows; i++)
    res += (b[i] - q[i]) * (b[i] - q[i]);
  res = sqrt(res);
  int ok = res <= 1e-6 * first;
  printf("cg %d unknowns, %d iterations: residual fell %s1e6, x[0] %.6f %s\n", rows, it,
         ok ? "past " : "short of ", x[0], ok ? "VERIFIED" : "FAILED");
  return !ok;
}
