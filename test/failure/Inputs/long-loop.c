// A dynamic loop that runs for about a minute on 3 processes: every chunk
// sleeps. For tests that end the job from outside long before it is done.
#include <stdio.h>
#include <unistd.h>
#define N 6000
long a[N];
int main(void) {
#pragma omp parallel for schedule(dynamic, 10)
  for (int i = 0; i < N; i++) {
    if (i % 10 == 0)
      usleep(300000);
    a[i] = (long)i * i % 1000 + 1;
  }
  long s = 0;
  for (int i = 0; i < N; i++)
    s += a[i] * (i + 1);
  printf("sum %ld\n", s);
  return 0;
}
