// DistOMP demo: ordinary OpenMP, nothing DistOMP-specific in the source.
//
// Computes the area of the Mandelbrot set on a grid (rows handed out
// dynamically: their cost varies a lot), then smooths the escape-count image
// with a 5-point stencil over global and heap arrays, and checks both results
// against a serial computation.
//
//   demo [size]     grid of size x size points (default 1024)
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

enum { MaxIter = 500 };

static int escape_count(double cr, double ci) {
  double zr = 0, zi = 0;
  int n = 0;
  while (n < MaxIter && zr * zr + zi * zi <= 4.0) {
    double t = zr * zr - zi * zi + cr;
    zi = 2 * zr * zi + ci;
    zr = t;
    n++;
  }
  return n;
}

int main(int argc, char **argv) {
  int size = argc > 1 ? atoi(argv[1]) : 1024;
  if (size < 16 || size > 16384) {
    fprintf(stderr, "usage: demo [size between 16 and 16384]\n");
    return 2;
  }
  int *counts = malloc(sizeof(int) * size * size);
  double *smooth = malloc(sizeof(double) * size * size);
  long inside = 0;

  double t0 = omp_get_wtime();
#pragma omp parallel for schedule(dynamic, 4) reduction(+ : inside)
  for (int y = 0; y < size; y++)
    for (int x = 0; x < size; x++) {
      int n = escape_count(-2.0 + 2.5 * x / size, -1.25 + 2.5 * y / size);
      counts[y * size + x] = n;
      inside += n == MaxIter;
    }
#pragma omp parallel for schedule(static)
  for (int y = 1; y < size - 1; y++)
    for (int x = 1; x < size - 1; x++) {
      const int *c = &counts[y * size + x];
      smooth[y * size + x] = (4.0 * c[0] + c[-1] + c[1] + c[-size] + c[size]) / 8.0;
    }
  double t1 = omp_get_wtime();

  // Serial check of both results.
  long want_inside = 0;
  int bad = 0;
  for (int y = 0; y < size; y++)
    for (int x = 0; x < size; x++) {
      int n = escape_count(-2.0 + 2.5 * x / size, -1.25 + 2.5 * y / size);
      want_inside += n == MaxIter;
      bad += counts[y * size + x] != n;
      if (y > 0 && y < size - 1 && x > 0 && x < size - 1) {
        const int *c = &counts[y * size + x];
        bad += smooth[y * size + x] != (4.0 * c[0] + c[-1] + c[1] + c[-size] + c[size]) / 8.0;
      }
    }

  double area = 2.5 * 2.5 * inside / ((double)size * size);
  printf("Mandelbrot area on a %dx%d grid: %.5f (%ld points inside)\n", size, size, area, inside);
  printf("parallel part: %.3f s on %d thread(s)\n", t1 - t0, omp_get_max_threads());
  if (bad || inside != want_inside) {
    printf("verification FAILED: %d wrong value(s)\n", bad);
    return 1;
  }
  printf("verification passed: parallel results equal the serial ones\n");
  free(smooth);
  free(counts);
  return 0;
}
