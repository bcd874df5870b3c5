// The heap: malloc, calloc and realloc'd blocks (small ones from the brk heap,
// a large one mmap'd by malloc), filled serially and in parallel.
// RUN: %compare %s
#include <stdio.h>
#include <stdlib.h>

typedef struct { double x, y; int tag; } point;

int main(void) {
  int n = 50000;
  double *v = malloc(sizeof(double) * n);
  int *hist = calloc(64, sizeof(int));
  point *pts = malloc(sizeof(point) * 100);
  pts = realloc(pts, sizeof(point) * n);
  double *big = malloc(sizeof(double) * (1 << 20)); // mmap'd by malloc
#pragma omp parallel for schedule(static)
  for (int i = 0; i < n; i++) {
    v[i] = (i * 7919) % 1000 / 10.0;
    pts[i].x = v[i];
    pts[i].y = -v[i] / 2;
    pts[i].tag = i % 64;
  }
#pragma omp parallel for
  for (int i = 0; i < (1 << 20); i++)
    big[i] = i * 0.25;
  for (int i = 0; i < n; i++)
    hist[pts[i].tag]++;
  double sx = 0, sy = 0, sb = 0;
#pragma omp parallel for reduction(+ : sx, sy)
  for (int i = 0; i < n; i++) {
    sx += pts[i].x;
    sy += pts[i].y;
  }
#pragma omp parallel for reduction(+ : sb)
  for (int i = 0; i < (1 << 20); i += 1024)
    sb += big[i];
  printf("sx=%.2f sy=%.2f sb=%.2f hist[5]=%d hist[63]=%d\n", sx, sy, sb, hist[5], hist[63]);
  free(big);
  free(pts);
  free(hist);
  free(v);
  return 0;
}
