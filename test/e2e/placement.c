// Placement: by default the master runs natively, on its own threads, a
// region whose distributed runs cost more than its native ones (a region
// per time step over a small array), and distributes a region that runs
// once. A program written the usual way: globals, a helper that names one,
// a region per step, unseeded rand() for the initial state. Outputs equal
// native's at every process count; at 2 processes the worker takes part in
// the first runs of the small region only, and in the big one.
// RUN: env DISTOMP_PLACEMENT=adaptive %compare --procs 1,2,3 --launch=embedded %s
// RUN: %distomp-cc -O2 %s -o %t
// RUN: env DISTOMP_PLACEMENT=adaptive DISTOMP_NUM_PROCS=2 DISTOMP_THREADS=1 DISTOMP_STATS=json \
// RUN:   %t 2>&1 >/dev/null | %python -c "import json, sys; \
// RUN:   s = {d['master']: d for d in (json.loads(l.split('stats-json: ', 1)[1]) \
// RUN:        for l in sys.stdin if 'stats-json: ' in l)}; \
// RUN:   print('master', s[True]['regions'], 'worker took part in', \
// RUN:         'some' if 1 < s[False]['regions'] < s[True]['regions'] else s[False]['regions'])" \
// RUN:   | FileCheck %s
// RUN: env DISTOMP_PLACEMENT=elsewhere DISTOMP_NUM_PROCS=2 not %t 2>&1 | FileCheck %s --check-prefix=BAD
// CHECK: master 2001 worker took part in some
// BAD: DISTOMP_PLACEMENT=elsewhere: expected adaptive or distribute
#include <stdio.h>
#include <stdlib.h>

#define N 512
double u[N], next_u[N];
double big[1 << 20];

static double smooth(int i) { return 0.25 * u[(i + N - 1) % N] + 0.5 * u[i] + 0.25 * u[(i + 1) % N]; }

int main(void) {
  for (int i = 0; i < N; i++)
    u[i] = rand() % 100;
  for (int step = 0; step < 2000; step++) {
#pragma omp parallel for
    for (int i = 0; i < N; i++)
      next_u[i] = smooth(i);
    for (int i = 0; i < N; i++)
      u[i] = next_u[i];
  }
  double s = 0;
#pragma omp parallel for reduction(+ : s)
  for (int i = 0; i < (1 << 20); i++) {
    big[i] = u[i % N] * (i % 7);
    s += big[i];
  }
  printf("u[0] %.9f u[N/2] %.9f sum %.6e\n", u[0], u[N / 2], s);
  return 0;
}
