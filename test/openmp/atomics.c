// atomic read, write, update and capture on every integer and floating type,
// and atomic compare; every process updates the same variables. Compared
// against native OpenMP at 1, 2 and 4 and checked against the exact totals.
// RUN: %compare --self-check --procs 1,2,4 --threads 1,2 %s
#include "Inputs/check.h"
#include <stdio.h>

#define N 600

#define ATOMICS(T, NAME)                                                               \
  T NAME##_count, NAME##_flag, NAME##_seen_max;                                        \
  int NAME##_captures[N];                                                              \
  static void atomics_##NAME(void) {                                                   \
    NAME##_count = 0;                                                                  \
    NAME##_flag = 0;                                                                   \
    NAME##_seen_max = 0;                                                               \
    _Pragma("omp parallel for")                                                        \
    for (int i = 0; i < N; i++) {                                                      \
      T v;                                                                             \
      _Pragma("omp atomic update")                                                     \
      NAME##_count += (T)1;                                                            \
      _Pragma("omp atomic capture")                                                    \
      v = NAME##_flag++;                                                               \
      NAME##_captures[i] = (int)v;                                                     \
      T r;                                                                             \
      _Pragma("omp atomic read")                                                       \
      r = NAME##_seen_max;                                                             \
      if ((T)(i % 50) > r) {                                                           \
        _Pragma("omp atomic compare")                                                  \
        NAME##_seen_max = (T)(i % 50) > NAME##_seen_max ? (T)(i % 50) : NAME##_seen_max; \
      }                                                                                \
    }                                                                                  \
    /* Every captured old value is distinct: 0..N-1 exactly once. */                  \
    static char hit[N];                                                                \
    int distinct = 0;                                                                  \
    for (int i = 0; i < N; i++)                                                        \
      hit[i] = 0;                                                                      \
    for (int i = 0; i < N; i++) {                                                      \
      int c = NAME##_captures[i] % N;                                                  \
      if (c >= 0 && !hit[c])                                                           \
        hit[c] = 1, distinct++;                                                        \
    }                                                                                  \
    CHECK(#NAME " update", NAME##_count, (T)N);                                        \
    CHECK(#NAME " capture", distinct, N);                                              \
    CHECK(#NAME " compare", NAME##_seen_max, (T)49);                                   \
    T w = 0;                                                                           \
    _Pragma("omp parallel for")                                                        \
    for (int i = 0; i < N; i++) {                                                      \
      if (i == N - 1) {                                                                \
        _Pragma("omp atomic write")                                                    \
        w = (T)42;                                                                     \
      }                                                                                \
    }                                                                                  \
    CHECK(#NAME " write", w, (T)42);                                                   \
    printf(#NAME ": count=%.1f flag=%.1f max=%.1f write=%.1f distinct=%d\n",          \
           (double)NAME##_count, (double)NAME##_flag, (double)NAME##_seen_max, (double)w, \
           distinct);                                                                  \
  }

// N = 600 stays within every type's range (char types are left to the
// neighbouring-bytes case below).
ATOMICS(short, short)
ATOMICS(unsigned short, ushort)
ATOMICS(int, int)
ATOMICS(unsigned, uint)
ATOMICS(long, long)
ATOMICS(unsigned long long, ullong)
ATOMICS(float, float)
ATOMICS(double, double)

unsigned char bytes[4];
double dsum;
long lsum;

int main(void) {
  atomics_short(); atomics_ushort(); atomics_int(); atomics_uint(); atomics_long();
  atomics_ullong(); atomics_float(); atomics_double();
  // Neighbouring bytes updated atomically by different threads.
#pragma omp parallel for
  for (int i = 0; i < 1000; i++) {
#pragma omp atomic
    bytes[i % 4] += 1;
  }
  // Update forms: x = x op e, x = e op x, with -, *, /, &, |, ^, <<, >>.
  long mul = 1, band = -1, bor = 0, bxor = 0;
  double half = 1024.0;
#pragma omp parallel for reduction(+ : lsum)
  for (int i = 0; i < 10; i++) {
#pragma omp atomic
    mul *= 2;
#pragma omp atomic
    band &= ~(1L << i);
#pragma omp atomic
    bor |= 1L << i;
#pragma omp atomic
    bxor ^= 1L << (i % 3);
#pragma omp atomic
    half /= 2.0;
#pragma omp atomic
    dsum = dsum + 0.5;
    lsum += i;
  }
  CHECK("bytes", bytes[0] + bytes[1] + bytes[2] + bytes[3], 1000);
  CHECK("mul", mul, 1024);
  CHECK("and", band, ~1023L);
  CHECK("or", bor, 1023);
  CHECK("half", half, 1.0);
  CHECK("dsum", dsum, 5.0);
  printf("bytes=%d,%d,%d,%d mul=%ld and=%lx or=%lx xor=%lx half=%.1f dsum=%.1f lsum=%ld\n",
         bytes[0], bytes[1], bytes[2], bytes[3], mul, band, bor, bxor, half, dsum, lsum);
  return finish("atomics correct");
}
