// A worker that ends before it joins the job: its constructor exits when it
// finds itself a worker (a crash in a library's start-up, say).
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
__attribute__((constructor)) static void early(void) {
  if (getenv("DIES_BEFORE_JOIN") && getenv("DISTOMP_MASTER_PID"))
    _exit(7);
}
double v[4096];
int main(void) {
#pragma omp parallel for
  for (int i = 0; i < 4096; i++)
    v[i] = i * 0.5;
  double s = 0;
  for (int i = 0; i < 4096; i++)
    s += v[i];
  printf("sum %.1f\n", s);
  return 0;
}
