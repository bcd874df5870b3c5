#include <stdio.h>
#ifndef SCALE
#define SCALE 2
#endif
double v[4096];
int main(void) {
#pragma omp parallel for
  for (int i = 0; i < 4096; i++)
    v[i] = i * SCALE;
  double s = 0;
  for (int i = 0; i < 4096; i++)
    s += v[i];
  printf("sum %.1f\n", s);
  return 0;
}
