// Loop variables of every width and signedness, strides other than one,
// downward loops, and empty and single-iteration loops.
// RUN: %compare %s
#include <stdio.h>

unsigned char mark[4096];

int main(void) {
  long s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0;
#pragma omp parallel for reduction(+ : s1)
  for (int i = -500; i < 500; i += 3)
    s1 += i;
#pragma omp parallel for reduction(+ : s2) schedule(dynamic, 4)
  for (unsigned u = 4000000000u; u > 3999999000u; u -= 7)
    s2 += u % 1000;
#pragma omp parallel for reduction(+ : s3) schedule(guided)
  for (long long l = 1LL << 40; l < (1LL << 40) + 5000; l += 11)
    s3 += l & 0xff;
#pragma omp parallel for reduction(+ : s4)
  for (unsigned long long q = 0; q < 100000ull; q += 1000)
    s4 += q;
#pragma omp parallel for reduction(+ : s5)
  for (int i = 10; i > 10; i--) // empty
    s5 += i;
#pragma omp parallel for reduction(+ : s6)
  for (int i = 42; i < 43; i++) // one iteration
    s6 += i;
#pragma omp parallel for
  for (short i = 4095; i >= 0; i -= 2)
    mark[i] = 1;
  int m = 0;
  for (int i = 0; i < 4096; i++)
    m += mark[i] * (i % 5);
  printf("%ld %ld %ld %ld %ld %ld %d\n", s1, s2, s3, s4, s5, s6, m);
  return 0;
}
