// Critical sections whose lock stays with the process that left it: entered
// again without a message until another process asks, and recalled then.
// Every way a kept lock must go back, against native: a thread that keeps it
// and then waits, outside, for the others to have entered once (only a
// recall served while it waits lets them in); per-iteration entries from
// every process (a histogram and a ticket counter that proves mutual
// exclusion), two named sections in turn, nesting, a kept lock meeting a
// reduction's lock, a dynamic loop, `single` and barriers after it. At 2
// processes the stats show entries made without a grant.
// RUN: %compare --procs 1,2,4 --threads 1,2 %s
// RUN: %distomp-cc -O2 -fopenmp %s -o %t
// RUN: env DISTOMP_PLACEMENT=distribute DISTOMP_NUM_PROCS=2 DISTOMP_THREADS=1 DISTOMP_STATS=1 \
// RUN:   %t 2>&1 >/dev/null | FileCheck %s
// CHECK-DAG: rank 0 (master, {{.*}} {{[1-9][0-9]*}} lock grants, {{[1-9][0-9]*}} kept,
// CHECK-DAG: rank 1 (worker, {{.*}} {{[1-9][0-9]*}} lock grants, {{[1-9][0-9]*}} kept,
#include <omp.h>
#include <stdio.h>
#include <string.h>

#define N 2000
#define BINS 32

long hist[BINS];
int ticket, owner[N];
double best = -1.0;
long evens, odds, nested_sum;
int taken_after_single;
int arrived, entered_first;

static unsigned mix(unsigned x) {
  x ^= x >> 16;
  x *= 0x7feb352d;
  x ^= x >> 15;
  x *= 0x846ca68b;
  return x ^ (x >> 16);
}

int main(void) {
  long reduced = 0;
#pragma omp parallel
  {
    // Each thread enters once, then waits outside until all have.
    int all = omp_get_num_threads(), now = 0;
#pragma omp critical
    {
      entered_first++;
#pragma omp atomic update
      arrived++;
    }
    while (now < all) {
#pragma omp atomic read
      now = arrived;
    }
#pragma omp barrier
    // Every iteration, every process: a histogram and a ticket counter.
#pragma omp for schedule(static)
    for (int i = 0; i < N; i++) {
      unsigned h = mix((unsigned)i);
#pragma omp critical
      {
        hist[h % BINS]++;
        owner[ticket++] = i; // a ticket taken twice would lose an iteration
      }
    }
    // Two named sections in turn, and nested ones.
#pragma omp for schedule(dynamic, 7)
    for (int i = 0; i < N; i++) {
      double v = (mix((unsigned)i * 3u) % 100000) / 1000.0;
#pragma omp critical(maximum)
      if (v > best)
        best = v;
#pragma omp critical(parity)
      {
        if (i % 2)
          odds += i;
        else
          evens += i;
#pragma omp critical(inner)
        nested_sum += i % 13;
      }
    }
    // A kept lock meets a reduction's lock, then a single and barriers.
#pragma omp for reduction(+ : reduced) nowait
    for (int i = 0; i < N; i++) {
#pragma omp critical
      hist[i % BINS] += 2;
      reduced += i;
    }
#pragma omp single
    taken_after_single = ticket;
#pragma omp barrier
#pragma omp critical
    ticket += 1;
  }
  // Each iteration exactly once among the tickets.
  static int seen[N];
  int dup = 0;
  for (int t = 0; t < N; t++)
    dup += seen[owner[t]]++ != 0;
  long total = 0;
  for (int b = 0; b < BINS; b++)
    total += hist[b];
  printf("hist[0] %ld hist[7] %ld total %ld duplicates %d\n", hist[0], hist[7], total, dup);
  printf("best %.3f evens %ld odds %ld nested %ld reduced %ld\n", best, evens, odds, nested_sum,
         reduced);
  printf("tickets %d after single %d (threads %d), %d entered first\n",
         ticket - omp_get_max_threads(), taken_after_single, omp_get_max_threads() > 0,
         entered_first - omp_get_max_threads());
  return 0;
}
