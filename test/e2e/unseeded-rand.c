// An unseeded rand() sequence is the program's own: the runtime's transport
// (ZeroMQ draws rand() for socket ids) must not move it, before main or
// between regions. The serial draws decide what the loops compute.
// RUN: %compare %s
#include <stdio.h>
#include <stdlib.h>

int main(void) {
  int first = rand();
  double w[512];
  for (int i = 0; i < 512; i++)
    w[i] = rand() % 1000 / 1000.0;
  double s = 0;
#pragma omp parallel for reduction(+ : s)
  for (int i = 0; i < 512; i++)
    s += w[i] * i;
  int after = rand(); // after a region: the runtime's messages drew nothing here
  srandom(7);
  long r = random();
#pragma omp parallel for reduction(+ : s)
  for (int i = 0; i < 512; i++)
    s += w[(i * 7) % 512];
  printf("first %d after %d random %ld sum %.6f\n", first, after, r, s);
  return 0;
}
