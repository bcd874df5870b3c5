// Reductions: every operator on integer and floating types, several
// variables in one loop. Floating sums use values exact in binary so the
// order of combination cannot change the printed result.
// RUN: %compare %s
#include <stdio.h>

int main(void) {
  int isum = 0, imul = 1, iand = ~0, ior = 0, ixor = 0, iland = 1, ilor = 0;
  long lmin = 1L << 40, lmax = -(1L << 40);
  double dsum = 0, dmax = -1e300, dmin = 1e300;
  float fsum = 0;
  unsigned long long usum = 0;
#pragma omp parallel for reduction(+ : isum, usum, dsum, fsum) reduction(* : imul)            \
    reduction(& : iand) reduction(| : ior) reduction(^ : ixor) reduction(&& : iland)          \
    reduction(|| : ilor) reduction(min : lmin, dmin) reduction(max : lmax, dmax)
  for (int i = 1; i <= 3000; i++) {
    isum += i;
    usum += (unsigned long long)i * i;
    dsum += i * 0.25;
    fsum += (i % 8) * 0.5f;
    if (i % 300 == 0)
      imul *= 2;
    iand &= ~(1 << (i % 20));
    ior |= 1 << (i % 13);
    ixor ^= i;
    iland = iland && (i < 5000);
    ilor = ilor || (i == 2999);
    long v = (long)(i * 7919 % 3001) - 1500;
    if (v < lmin)
      lmin = v;
    if (v > lmax)
      lmax = v;
    if (i * 0.5 > dmax)
      dmax = i * 0.5;
    if (i * 0.5 < dmin)
      dmin = i * 0.5;
  }
  printf("isum=%d usum=%llu dsum=%.2f fsum=%.1f imul=%d iand=%x ior=%x ixor=%d land=%d "
         "lor=%d lmin=%ld lmax=%ld dmin=%.1f dmax=%.1f\n",
         isum, usum, dsum, fsum, imul, iand, ior, ixor, iland, ilor, lmin, lmax, dmin, dmax);
  return 0;
}
