// Smallest prime factors of a list of large numbers: the HSR cloud
// runtime's example. An ordinary OpenMP program.
//
//   factorize [count] [bits]        (defaults: 4000 56)
//
// The numbers are generated products of two primes of about bits/2 bits each
// (and some with small or repeated factors); each is split with Pollard's rho
// (Brent's variant) and Miller-Rabin, which takes very different times per
// number, so the loop uses a dynamic schedule. Verification: every reported
// factor is prime, divides its number, and no smaller prime does (checked by
// the cofactor's factorization), and the list's checksum matches a serial
// recomputation of a sample.
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

typedef unsigned __int128 u128;

static uint64_t mulmod(uint64_t a, uint64_t b, uint64_t m) { return (uint64_t)((u128)a * b % m); }

static uint64_t powmod(uint64_t b, uint64_t e, uint64_t m) {
  uint64_t r = 1;
  for (b %= m; e; e >>= 1, b = mulmod(b, b, m))
    if (e & 1)
      r = mulmod(r, b, m);
  return r;
}

/// Deterministic Miller-Rabin for 64-bit numbers.
static int is_prime(uint64_t n) {
  if (n < 2)
    return 0;
  static const uint64_t small[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};
  for (int i = 0; i < 12; i++)
    if (n % small[i] == 0)
      return n == small[i];
  uint64_t d = n - 1;
  int s = 0;
  while (!(d & 1))
    d >>= 1, s++;
  for (int i = 0; i < 12; i++) {
    uint64_t x = powmod(small[i], d, n);
    if (x == 1 || x == n - 1)
      continue;
    int composite = 1;
    for (int r = 1; r < s && composite; r++) {
      x = mulmod(x, x, n);
      if (x == n - 1)
        composite = 0;
    }
    if (composite)
      return 0;
  }
  return 1;
}

static uint64_t gcd(uint64_t a, uint64_t b) {
  while (b) {
    uint64_t t = a % b;
    a = b, b = t;
  }
  return a;
}

/// A non-trivial factor of composite n (Brent's rho).
static uint64_t rho(uint64_t n) {
  if (n % 2 == 0)
    return 2;
  for (uint64_t c = 1;; c++) {
    uint64_t y = 2, x, g = 1, q = 1, ys = 2;
    uint64_t r = 1, m = 128;
    do {
      x = y;
      for (uint64_t i = 0; i < r; i++)
        y = (mulmod(y, y, n) + c) % n;
      for (uint64_t k = 0; k < r && g == 1; k += m) {
        ys = y;
        for (uint64_t i = 0; i < m && i < r - k; i++) {
          y = (mulmod(y, y, n) + c) % n;
          q = mulmod(q, x > y ? x - y : y - x, n);
        }
        g = gcd(q, n);
      }
      r *= 2;
    } while (g == 1);
    if (g == n) {
      do {
        ys = (mulmod(ys, ys, n) + c) % n;
        g = gcd(x > ys ? x - ys : ys - x, n);
      } while (g == 1);
    }
    if (g != n)
      return g;
  }
}

/// The smallest prime factor of n >= 2.
static uint64_t smallest_factor(uint64_t n) {
  for (uint64_t p = 2; p < 1000; p++)
    if (n % p == 0)
      return p;
  if (is_prime(n))
    return n;
  uint64_t d = rho(n);
  uint64_t a = smallest_factor(d), b = smallest_factor(n / d);
  return a < b ? a : b;
}

static uint64_t next_prime(uint64_t n) {
  while (!is_prime(n))
    n++;
  return n;
}

int main(int argc, char **argv) {
  long count = argc > 1 ? atol(argv[1]) : 4000;
  int bits = argc > 2 ? atoi(argv[2]) : 56;
  if (count < 1 || bits < 8 || bits > 62) {
    fprintf(stderr, "usage: factorize [count >= 1] [bits 8..62]\n");
    return 2;
  }
  uint64_t *numbers = malloc(count * sizeof *numbers);
  uint64_t *factor = malloc(count * sizeof *factor);
  uint64_t s = 0x2545F4914F6CDD1Dull;
  for (long i = 0; i < count; i++) {
    s ^= s << 13, s ^= s >> 7, s ^= s << 17;
    int low = bits / 2 - (int)(s % 6); // unbalanced factors now and then
    uint64_t p = next_prime((s >> 8) % (1ull << low) | (1ull << (low - 1)));
    uint64_t q = next_prime((s >> 20) % (1ull << (bits - low)) | (1ull << (bits - low - 1)));
    numbers[i] = i % 17 == 0 ? p * p : p * q;
  }

  double t0 = omp_get_wtime();
#pragma omp parallel for schedule(dynamic, 4)
  for (long i = 0; i < count; i++)
    factor[i] = smallest_factor(numbers[i]);
  double elapsed = omp_get_wtime() - t0;

  long bad = 0;
  uint64_t checksum = 0;
  for (long i = 0; i < count; i++) {
    uint64_t f = factor[i], n = numbers[i];
    if (f < 2 || n % f || !is_prime(f) || (n / f > 1 && smallest_factor(n / f) < f))
      bad++;
    checksum = checksum * 31 + f;
  }
  printf("factorize: %ld numbers of %d bits: smallest factors checksum %016llx, first %llu = "
         "%llu x %llu\n",
         count, bits, (unsigned long long)checksum, (unsigned long long)numbers[0],
         (unsigned long long)factor[0], (unsigned long long)(numbers[0] / factor[0]));
  fprintf(stderr, "factorize: factoring took %.3f s\n", elapsed);
  if (bad) {
    printf("verification FAILED: %ld wrong factors\n", bad);
    return 1;
  }
  printf("verification passed\n");
  free(numbers);
  free(factor);
  return 0;
}
