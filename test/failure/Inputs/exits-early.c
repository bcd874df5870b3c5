#include <stdio.h>
#include <stdlib.h>
double v[1000];
int main(void) {
#pragma omp parallel for
  for (int i = 0; i < 1000; i++)
    v[i] = i;
  printf("leaving with %.0f\n", v[999]);
  exit(3);
}
