// European option pricing (Black-Scholes closed form) over a generated
// portfolio, as in DistVES's first experiment. An ordinary OpenMP program:
// builds with `clang -fopenmp` or `distomp-cc`.
//
//   blackscholes [options] [repetitions]      (defaults: 1000000 20)
//
// Each option is priced `repetitions` times (with a slightly different
// volatility each time, so no repetition can be skipped) to give each one
// real work. Verification: every call/put pair satisfies put-call parity,
// C - P = S - K exp(-rT), and the portfolio's value matches a serial
// recomputation of a sample of the options.
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

// The cumulative normal distribution, Abramowitz & Stegun 26.2.17 (as in
// PARSEC's blackscholes): exp only, accurate to 7.5e-8.
static double cnd(double x) {
  const double a1 = 0.319381530, a2 = -0.356563782, a3 = 1.781477937, a4 = -1.821255978,
               a5 = 1.330274429;
  double ax = fabs(x), k = 1.0 / (1.0 + 0.2316419 * ax);
  double poly = k * (a1 + k * (a2 + k * (a3 + k * (a4 + k * a5))));
  double w = 1.0 - 0.39894228040143267794 * exp(-0.5 * ax * ax) * poly;
  return x < 0 ? 1.0 - w : w;
}

typedef struct {
  double spot, strike, years, rate, vol;
} option;

static void price(const option *o, double vol, double *call, double *put) {
  double sq = vol * sqrt(o->years);
  double d1 = (log(o->spot / o->strike) + (o->rate + 0.5 * vol * vol) * o->years) / sq;
  double d2 = d1 - sq;
  double disc = o->strike * exp(-o->rate * o->years);
  *call = o->spot * cnd(d1) - disc * cnd(d2);
  *put = disc * cnd(-d2) - o->spot * cnd(-d1);
}

/// Mean call and put price of option o over the repetitions.
static void mean_price(const option *o, int reps, double *call, double *put) {
  double c = 0, p = 0;
  for (int r = 0; r < reps; r++) {
    double cr, pr;
    price(o, o->vol + r * 1e-6, &cr, &pr);
    c += cr;
    p += pr;
  }
  *call = c / reps;
  *put = p / reps;
}

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 1000000;
  int reps = argc > 2 ? atoi(argv[2]) : 20;
  if (n < 1 || reps < 1) {
    fprintf(stderr, "usage: blackscholes [options >= 1] [repetitions >= 1]\n");
    return 2;
  }
  option *book = malloc(n * sizeof *book);
  double *call = malloc(n * sizeof *call), *put = malloc(n * sizeof *put);
  if (!book || !call || !put) {
    fprintf(stderr, "blackscholes: out of memory for %ld options\n", n);
    return 1;
  }
  // A deterministic portfolio.
  unsigned long long s = 88172645463325252ull;
  for (long i = 0; i < n; i++) {
    s ^= s << 13, s ^= s >> 7, s ^= s << 17;
    book[i].spot = 10 + (s % 9000) / 100.0;
    book[i].strike = book[i].spot * (0.7 + ((s >> 16) % 600) / 1000.0);
    book[i].years = 0.1 + ((s >> 32) % 490) / 100.0;
    book[i].rate = 0.005 + ((s >> 40) % 50) / 1000.0;
    book[i].vol = 0.05 + ((s >> 48) % 60) / 100.0;
  }

  double t0 = omp_get_wtime();
#pragma omp parallel for schedule(static)
  for (long i = 0; i < n; i++)
    mean_price(&book[i], reps, &call[i], &put[i]);
  double elapsed = omp_get_wtime() - t0;

  long parity_failures = 0;
  double calls = 0, puts = 0;
  for (long i = 0; i < n; i++) {
    const option *o = &book[i];
    double parity = call[i] - put[i] - (o->spot - o->strike * exp(-o->rate * o->years));
    if (fabs(parity) > 1e-6 * (1 + o->spot))
      parity_failures++;
    calls += call[i];
    puts += put[i];
  }
  long sample_failures = 0;
  for (long i = 0; i < n; i += n / 97 + 1) {
    double c, p;
    mean_price(&book[i], reps, &c, &p);
    if (c != call[i] || p != put[i])
      sample_failures++;
  }
  printf("blackscholes: %ld options x %d repetitions: calls %.4f, puts %.4f\n", n, reps,
         calls / n, puts / n);
  fprintf(stderr, "blackscholes: pricing took %.3f s\n", elapsed);
  if (parity_failures || sample_failures) {
    printf("verification FAILED: %ld parity violations, %ld sample mismatches\n",
           parity_failures, sample_failures);
    return 1;
  }
  printf("verification passed\n");
  free(book);
  free(call);
  free(put);
  return 0;
}
