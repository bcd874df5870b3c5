// A region using flush runs locally with libomp (named in a compile-time
// warning) and computes what native computes, at every process count.
// RUN: %compare --allow-local-regions --allow-warnings --procs 1,2,4 %s
#include <stdio.h>

int flag, data;

int main(void) {
  int sum = 0;
#pragma omp parallel
  {
#pragma omp single
    {
      data = 42;
#pragma omp flush
      flag = 1;
    }
#pragma omp flush
#pragma omp atomic
    sum += flag;
  }
  double t = 0;
#pragma omp parallel for reduction(+ : t)
  for (int i = 0; i < 100; i++)
    t += i;
  printf("flag %d data %d sum>0 %d t %.0f\n", flag, data, sum > 0, t);
  return 0;
}
