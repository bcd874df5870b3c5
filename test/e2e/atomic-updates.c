// `#pragma omp atomic` updates without capture, which a worker keeps and
// combines until its next release: a histogram of increments (long, int,
// and an unsigned char that wraps), decrements, |= &= ^= on flag words,
// maxima and minima by `atomic compare`, two operations on one place in
// turn, a narrower atomic inside a wider one's bytes, a thread that reads
// what it has just updated (atomically, and plainly in its own cell), a
// place whose page the worker also writes (the update is not kept there),
// a value written plainly and then updated before any release (the home
// must start from it), one updated, written and updated again on a page
// the worker writes (the updates apply to its copy and twin),
// floating-point increments (not combined), and the updates seen by everyone
// after a barrier. Against native at 1, 2 and 4 processes, 1 and 2 threads;
// at 2 processes the stats show updates kept and fewer sent.
// RUN: %compare --procs 1,2,4 --threads 1,2 --env DISTOMP_PLACEMENT=distribute %s
// RUN: %distomp-cc -O2 -fopenmp %s -o %t
// RUN: env DISTOMP_PLACEMENT=distribute DISTOMP_NUM_PROCS=2 DISTOMP_THREADS=1 DISTOMP_STATS=1 \
// RUN:   %t 2>&1 >/dev/null | FileCheck %s
// CHECK: rank 1 (worker, {{.*}} {{[1-9][0-9][0-9][0-9][0-9]+}} atomic updates
// ({{[1-9][0-9]?[0-9]?[0-9]?}} sent)
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 12000
#define BINS 64

long hist[BINS];
int ihist[BINS];
unsigned char wraps[4];
unsigned long flags_or, flags_xor;
unsigned long flags_and = ~0ul;
long best = -1000000, worst = 1000000;
long turns[64]; // a thread's own place: + then | in its order
union {
  long whole;
  int halves[2];
} mixed;
double fsum;
long own[64]; // each thread's own cell, read back plainly after its updates
struct near_page {
  long written[8]; // the worker writes these plainly ...
  long counted;    // ... and updates this, on the same page
};

int main(void) {
  long *heap = calloc(BINS, sizeof(long));
  // Apart from the globals, whose page the worker then never writes.
  struct near_page *near_p = aligned_alloc(4096, 4096);
  memset(near_p, 0, 4096);
  long *then_updated = calloc(512, sizeof(long)); // written plainly and updated, by one thread
#define near (*near_p)
  int seen_own_ok = 1, seen_read_ok = 1;
#pragma omp parallel reduction(&& : seen_own_ok, seen_read_ok)
  {
    int me = omp_get_thread_num();
#pragma omp for schedule(static)
    for (int i = 0; i < N; i++) {
      int b = (int)((i * 2654435761u) % BINS);
#pragma omp atomic
      hist[b]++;
#pragma omp atomic
      ihist[b] += 3;
#pragma omp atomic
      heap[b] -= 2;
#pragma omp atomic
      wraps[b % 4] += 7;
#pragma omp atomic
      flags_or |= 1ul << (i % 61);
#pragma omp atomic
      flags_xor ^= (unsigned long)i * 0x9e3779b97f4a7c15ul;
#pragma omp atomic
      flags_and &= ~(1ul << (i % 50));
      long v = (long)((i * 7919L) % 100003) - 50000;
#pragma omp atomic compare
      if (best < v)
        best = v;
#pragma omp atomic compare
      if (worst > v)
        worst = v;
      if (i % 20 == 0) { // each of these performs the place's kept updates
                         // Two operations on one place in turn: the order within a thread holds.
#pragma omp atomic
        turns[me] += 5;
#pragma omp atomic
        turns[me] |= 1;
        // A narrower atomic inside a wider one's bytes.
#pragma omp atomic
        mixed.whole += 1;
#pragma omp atomic
        mixed.halves[1] += 1;
      }
      if (i % 100 == 0) {
#pragma omp atomic
        fsum += 1.0; // not combined: a round trip each
      }
#pragma omp atomic
      own[me] += 2;
      if (i % 200 == 0) {
        long before = own[me]; // its own updates, read plainly
#pragma omp atomic
        own[me] += 2;
        if (own[me] != before + 2)
          seen_own_ok = 0;
        long r;
#pragma omp atomic read
        r = own[me];
        if (r != before + 2)
          seen_read_ok = 0;
      }
      if (i % 100 == 0) {
        near.written[me % 8] = i;
#pragma omp atomic
        near.counted += 1;
        // A value written here and not released yet, then updated: the
        // update starts from it.
        then_updated[(i / 100) % 256] = i;
#pragma omp atomic
        then_updated[(i / 100) % 256] += 3;
        // Updated, then written plainly, then updated again (the page is
        // written here: the updates apply to its copy).
#pragma omp atomic
        then_updated[256 + (i / 100) % 256] += 1;
        then_updated[256 + (i / 100) % 256] = 2 * i;
#pragma omp atomic
        then_updated[256 + (i / 100) % 256] += 2;
      }
    }
    // After the loop's barrier every process sees every update.
    long total = 0;
    for (int b = 0; b < BINS; b++)
      total += hist[b];
    if (total != N)
      seen_read_ok = 0;
  }
  long h = 0, ih = 0, hh = 0, turn_place = 0;
  for (int t = 0; t < 64; t++)
    turn_place += turns[t] * (t + 1);
  for (int b = 0; b < BINS; b++)
    h += hist[b] * (b + 1), ih += ihist[b] * (b + 1), hh += heap[b] * (b + 1);
  printf("hist %ld %ld %ld, wraps %u %u %u %u\n", h, ih, hh, wraps[0], wraps[1], wraps[2],
         wraps[3]);
  printf("flags %lx %lx %lx, best %ld worst %ld, turn %ld, mixed %ld, fsum %.1f\n", flags_or,
         flags_xor, flags_and, best, worst, turn_place, mixed.whole, fsum);
  long owns = 0;
  for (int t = 0; t < 64; t++)
    owns += own[t];
  long thens = 0;
  for (int k = 0; k < 512; k++)
    thens += then_updated[k] * (k + 1);
  printf("own %ld, counted %ld, then %ld, checks %d %d\n", owns, near.counted, thens, seen_own_ok,
         seen_read_ok);
  free(heap);
  free(near_p);
  free(then_updated);
  return 0;
}
