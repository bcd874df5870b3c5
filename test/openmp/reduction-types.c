// Reductions: every operator on every arithmetic type, several variables per
// loop, array sections (of a local array and through a pointer) and a
// declared reduction. Left out because clang 19 gets them wrong natively:
// two-dimensional sections, and sections of a global array (the loop body
// updates the global itself instead of the private copy: a race, which
// DistOMP reports as one). Compared against native OpenMP at 1, 2 and 4; every value is
// also checked against a serial computation. Floating values are sums of
// numbers exact in binary, so no order of combination changes them.
// RUN: %compare --self-check --procs 1,2,4 --threads 1,2 %s
#include "Inputs/check.h"
#include <stdio.h>
#include <stdlib.h>

#define N 2000
// Values in a small range so products and sums fit each type.
#define VAL(T, i) ((T)((i) % 7 + 1))

#define ARITH(T, NAME)                                                                 \
  static void arith_##NAME(void) {                                                     \
    T sum = 0, diff = 0, prod = 1, mn = VAL(T, 3), mx = VAL(T, 3);                     \
    int land = 1, lor = 0;                                                             \
    _Pragma("omp parallel for reduction(+ : sum) reduction(- : diff) reduction(* : prod) \
reduction(min : mn) reduction(max : mx) reduction(&& : land) reduction(|| : lor)") \
    for (int i = 0; i < N; i++) {                                                      \
      sum += VAL(T, i);                                                                \
      diff -= VAL(T, i);                                                               \
      if (i % 400 == 0)                                                                \
        prod *= (T)2;                                                                  \
      if (VAL(T, i) < mn)                                                              \
        mn = VAL(T, i);                                                                \
      if (VAL(T, i) > mx)                                                              \
        mx = VAL(T, i);                                                                \
      land = land && (i >= 0);                                                         \
      lor = lor || (i == N / 3);                                                       \
    }                                                                                  \
    T s = 0, d = 0, p = 1, a = VAL(T, 3), b = VAL(T, 3);                               \
    for (int i = 0; i < N; i++) {                                                      \
      s += VAL(T, i);                                                                  \
      d -= VAL(T, i);                                                                  \
      if (i % 400 == 0)                                                                \
        p *= (T)2;                                                                     \
      if (VAL(T, i) < a)                                                               \
        a = VAL(T, i);                                                                 \
      if (VAL(T, i) > b)                                                               \
        b = VAL(T, i);                                                                 \
    }                                                                                  \
    CHECK(#NAME " +", sum, s);                                                         \
    CHECK(#NAME " -", diff, d);                                                        \
    CHECK(#NAME " *", prod, p);                                                        \
    CHECK(#NAME " min", mn, a);                                                        \
    CHECK(#NAME " max", mx, b);                                                        \
    CHECK(#NAME " &&", land, 1);                                                       \
    CHECK(#NAME " ||", lor, 1);                                                        \
    printf(#NAME ": sum=%.1f diff=%.1f prod=%.1f min=%.1f max=%.1f\n", (double)sum,   \
           (double)diff, (double)prod, (double)mn, (double)mx);                        \
  }

#define BITS(T, NAME)                                                                  \
  static void bits_##NAME(void) {                                                      \
    T band = (T)~(T)0, bor = 0, bxor = 0;                                              \
    _Pragma("omp parallel for reduction(& : band) reduction(| : bor) reduction(^ : bxor)") \
    for (int i = 0; i < N; i++) {                                                      \
      band &= (T) ~((T)1 << (i % 5));                                                  \
      bor |= (T)((T)1 << (i % 6));                                                     \
      bxor ^= (T)(i * 37);                                                             \
    }                                                                                  \
    T a = (T)~(T)0, o = 0, x = 0;                                                      \
    for (int i = 0; i < N; i++) {                                                      \
      a &= (T) ~((T)1 << (i % 5));                                                     \
      o |= (T)((T)1 << (i % 6));                                                       \
      x ^= (T)(i * 37);                                                                \
    }                                                                                  \
    CHECK(#NAME " &", band, a);                                                        \
    CHECK(#NAME " |", bor, o);                                                         \
    CHECK(#NAME " ^", bxor, x);                                                        \
    printf(#NAME ": and=%llx or=%llx xor=%llx\n", (unsigned long long)band,            \
           (unsigned long long)bor, (unsigned long long)bxor);                         \
  }

ARITH(signed char, schar)
ARITH(unsigned char, uchar)
ARITH(short, short)
ARITH(unsigned short, ushort)
ARITH(int, int)
ARITH(unsigned, uint)
ARITH(long, long)
ARITH(unsigned long, ulong)
ARITH(long long, llong)
ARITH(unsigned long long, ullong)
ARITH(float, float)
ARITH(double, double)
BITS(signed char, schar)
BITS(unsigned char, uchar)
BITS(short, short)
BITS(int, int)
BITS(unsigned, uint)
BITS(long, long)
BITS(unsigned long long, ullong)


typedef struct {
  long count;
  double total;
  int lo, hi;
} summary;

static void combine(summary *out, const summary *in) {
  out->count += in->count;
  out->total += in->total;
  if (in->lo < out->lo)
    out->lo = in->lo;
  if (in->hi > out->hi)
    out->hi = in->hi;
}
#pragma omp declare reduction(merge : summary : combine(&omp_out, &omp_in))                  \
    initializer(omp_priv = (summary){0, 0.0, 1 << 30, -(1 << 30)})

static void sections_and_declared(void) {
  int *counts = calloc(10, sizeof *counts);
  int hist[16] = {0};
  long sum = 0;
#pragma omp parallel for reduction(+ : hist[:16], counts[0:10], sum)
  for (int i = 0; i < N; i++) {
    hist[i % 16] += 1;
    counts[(i * 7) % 10] += 2;
    sum += i;
  }
  long want_sum = 0;
  for (int i = 0; i < N; i++)
    want_sum += i;
  int hist_ok = 1, counts_total = 0;
  for (int k = 0; k < 16; k++)
    hist_ok &= hist[k] == N / 16;
  for (int k = 0; k < 10; k++)
    counts_total += counts[k];
  CHECK("hist", hist_ok, 1);
  CHECK("counts", counts_total, 2 * N);
  CHECK("sum", sum, want_sum);
  printf("sections: hist[3]=%d counts[4]=%d sum=%ld\n", hist[3], counts[4], sum);
  free(counts);

  summary s = {0, 0.0, 1 << 30, -(1 << 30)};
#pragma omp parallel for reduction(merge : s)
  for (int i = 0; i < N; i++) {
    int v = (i * 7919) % 1009 - 500;
    s.count += 1;
    s.total += v * 0.5;
    if (v < s.lo)
      s.lo = v;
    if (v > s.hi)
      s.hi = v;
  }
  CHECK("declared count", s.count, N);
  printf("declared: count=%ld total=%.1f lo=%d hi=%d\n", s.count, s.total, s.lo, s.hi);
}

// A reduction on an `omp for` inside a parallel region, several in a row,
// one with nowait.
static void inside_region(void) {
  long a = 0, b = 0;
  double c = 0;
#pragma omp parallel
  {
#pragma omp for reduction(+ : a)
    for (int i = 0; i < N; i++)
      a += i;
#pragma omp for reduction(max : c) nowait
    for (int i = 0; i < N; i++)
      if (i * 0.25 > c)
        c = i * 0.25;
#pragma omp for reduction(+ : b)
    for (int i = 0; i < N; i++)
      b += 2 * i;
  }
  CHECK("region a", a, (long)N * (N - 1) / 2);
  CHECK("region b", b, (long)N * (N - 1));
  printf("inside: a=%ld b=%ld c=%.2f\n", a, b, c);
}

int main(void) {
  arith_schar(); arith_uchar(); arith_short(); arith_ushort(); arith_int(); arith_uint();
  arith_long(); arith_ulong(); arith_llong(); arith_ullong(); arith_float(); arith_double();
  bits_schar(); bits_uchar(); bits_short(); bits_int(); bits_uint(); bits_long(); bits_ullong();
  sections_and_declared();
  inside_region();
  return finish("all reductions correct");
}
