#include <stdio.h>
int v[100];
int main(void) {
#pragma omp parallel for
  for (int i = 0; i < 100; i++)
    v[i] = i * 3;
  long s = 0;
  for (int i = 0; i < 100; i++)
    s += v[i];
  printf("sum=%ld\n", s);
  return 0;
}
