// 2D Ising model, Metropolis Monte Carlo with checkerboard sweeps, as in
// DistVES's second experiment. An ordinary OpenMP program.
//
//   ising [L] [sweeps] [temperature]       (defaults: 1024 100 2.0)
//
// An L x L periodic lattice of spins +-1. Each sweep updates the black
// sites, then (after a barrier) the white ones: a site's neighbours all have
// the other colour, so the sites of one colour update independently. The
// random number for a site comes from a counter-based generator keyed by
// (sweep, site), so the result does not depend on how sites are split among
// threads or processes. Reports magnetisation and energy per site.
// Verification: energy and magnetisation recounted serially match the
// parallel reductions, and for lattices up to 256 x 256 a serial run of the
// same sweeps ends in exactly the same lattice.
#include <math.h>
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// A 64-bit mix of (sweep, site): splitmix64's finalizer over both.
static inline uint64_t mix(uint64_t sweep, uint64_t site) {
  uint64_t z = sweep * 0x9E3779B97F4A7C15ull + site * 0xD1B54A32D192ED03ull + 0x632BE59BD9B4E019ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

/// Metropolis update of site (i, j) in sweep `sweep`. accept[k] is the
/// acceptance threshold for an energy change of 4k (k = 1, 2), as a 64-bit
/// fraction.
static inline void update(signed char *s, int L, int i, int j, int sweep,
                          const uint64_t accept[3]) {
  int up = (i + L - 1) % L, down = (i + 1) % L, left = (j + L - 1) % L, right = (j + 1) % L;
  int sum = s[up * L + j] + s[down * L + j] + s[i * L + left] + s[i * L + right];
  int de = 2 * s[i * L + j] * sum; // -8 .. 8
  if (de <= 0 || mix(sweep, (uint64_t)i * L + j) < accept[de / 4])
    s[i * L + j] = (signed char)-s[i * L + j];
}

static void sweep_serial(signed char *s, int L, int sweep, const uint64_t accept[3]) {
  for (int color = 0; color < 2; color++)
    for (int i = 0; i < L; i++)
      for (int j = (i + color) % 2; j < L; j += 2)
        update(s, L, i, j, sweep, accept);
}

static void measure(const signed char *s, int L, long *mag, long *energy) {
  long m = 0, e = 0;
  for (int i = 0; i < L; i++)
    for (int j = 0; j < L; j++) {
      m += s[i * L + j];
      e -= s[i * L + j] * (s[((i + 1) % L) * L + j] + s[i * L + (j + 1) % L]);
    }
  *mag = m;
  *energy = e;
}

int main(int argc, char **argv) {
  int L = argc > 1 ? atoi(argv[1]) : 1024;
  int sweeps = argc > 2 ? atoi(argv[2]) : 100;
  double temp = argc > 3 ? atof(argv[3]) : 2.0;
  if (L < 2 || L % 2 || sweeps < 1 || !(temp > 0)) {
    fprintf(stderr, "usage: ising [L: even, >= 2] [sweeps >= 1] [temperature > 0]\n");
    return 2;
  }
  size_t sites = (size_t)L * L;
  signed char *s = malloc(sites);
  if (!s) {
    fprintf(stderr, "ising: out of memory for a %d x %d lattice\n", L, L);
    return 1;
  }
  for (size_t k = 0; k < sites; k++) // a random start
    s[k] = (mix(0xfeed, k) >> 63) ? 1 : -1;
  signed char *check = NULL;
  if (L <= 256) {
    check = malloc(sites);
    memcpy(check, s, sites);
  }
  uint64_t accept[3] = {UINT64_MAX, 0, 0};
  for (int k = 1; k <= 2; k++)
    accept[k] = (uint64_t)(exp(-4.0 * k / temp) * 18446744073709551616.0);

  long mag = 0, energy = 0;
  double t0 = omp_get_wtime();
#pragma omp parallel
  {
    for (int sweep = 1; sweep <= sweeps; sweep++)
      for (int color = 0; color < 2; color++) {
        // The implicit barrier after each loop separates the colours.
#pragma omp for schedule(static)
        for (int i = 0; i < L; i++)
          for (int j = (i + color) % 2; j < L; j += 2)
            update(s, L, i, j, sweep, accept);
      }
#pragma omp for reduction(+ : mag, energy) schedule(static)
    for (int i = 0; i < L; i++)
      for (int j = 0; j < L; j++) {
        mag += s[i * L + j];
        energy -= s[i * L + j] * (s[((i + 1) % L) * L + j] + s[i * L + (j + 1) % L]);
      }
  }
  double elapsed = omp_get_wtime() - t0;

  long m, e;
  measure(s, L, &m, &e);
  int ok = m == mag && e == energy;
  if (check) {
    for (int sweep = 1; sweep <= sweeps; sweep++)
      sweep_serial(check, L, sweep, accept);
    ok = ok && memcmp(check, s, sites) == 0;
  }
  printf("ising: %d x %d, %d sweeps at T=%.3f: magnetisation %.6f, energy %.6f per site\n", L, L,
         sweeps, temp, (double)mag / sites, (double)energy / sites);
  fprintf(stderr, "ising: sweeps took %.3f s\n", elapsed);
  if (!ok) {
    printf("verification FAILED\n");
    return 1;
  }
  printf("verification passed%s\n", check ? " (against a serial run)" : "");
  free(s);
  free(check);
  return 0;
}
