// A table of operations, one of them from a unit built by plain clang.
#include <stdio.h>
double plain_square(double);      /* plugin.c, built by plain clang */
double twice(double x) { return 2 * x; }
double (*ops[2])(double) = {twice, plain_square};
double out[64];
int main(void) {
#pragma omp parallel for
  for (int i = 0; i < 64; i++)
    out[i] = ops[i % 2](i);
  double s = 0;
  for (int i = 0; i < 64; i++) s += out[i];
  printf("%.0f\n", s);
  return 0;
}
