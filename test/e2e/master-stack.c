// Data on the master's stack: local arrays, a variable-length array, a struct,
// and a pointer to stack data passed down to a helper that runs the region.
// RUN: %compare %s
#include <stdio.h>

struct box { int lo, hi; double scale; };

static void fill(double *out, int n, const struct box *b) {
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    out[i] = (b->lo + i % (b->hi - b->lo)) * b->scale;
}

int main(int argc, char **argv) {
  (void)argv;
  int n = 4000 + argc; // a run-time size for the VLA
  double vla[n];
  int local[1000];
  struct box b = {3, 17, 0.5};
  fill(vla, n, &b);
#pragma omp parallel for
  for (int i = 0; i < 1000; i++)
    local[i] = (int)vla[i] * 2 + i;
  long total = 0;
#pragma omp parallel for reduction(+ : total)
  for (int i = 0; i < 1000; i++)
    total += local[i];
  printf("vla[0]=%.1f vla[%d]=%.1f local[999]=%d total=%ld\n", vla[0], n - 1, vla[n - 1],
         local[999], total);
  return 0;
}
