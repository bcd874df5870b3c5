// Data-sharing clauses: private, firstprivate (scalars, arrays, structs),
// lastprivate under static schedules and with collapse (the value of the
// sequentially last iteration, whichever thread ran it), shared and
// default(none). Self-checking, and compared against native OpenMP.
// lastprivate with dynamic and guided schedules is in lastprivate-dynamic.c:
// libomp 19 itself often leaves the variable unset there.
// RUN: %compare --self-check --procs 1,2,4 --threads 1,2 %s
#include "Inputs/check.h"
#include <stdio.h>

#define N 1000

typedef struct {
  int id;
  double scale;
  int table[4];
} params;

int out[N];
long shared_total;

int main(void) {
  // private: each thread's copy starts undefined and never leaks out.
  int tmp = -7;
#pragma omp parallel for private(tmp)
  for (int i = 0; i < N; i++) {
    tmp = i * 2;
    out[i] = tmp + 1;
  }
  CHECK("private keeps the original", tmp, -7);
  CHECK("private used", out[N - 1], 2 * (N - 1) + 1);

  // firstprivate: a copy of the value before the loop in every thread.
  int base = 40;
  int arr[3] = {1, 2, 3};
  params p = {9, 0.5, {10, 20, 30, 40}};
#pragma omp parallel for firstprivate(base, arr, p)
  for (int i = 0; i < N; i++) {
    out[i] = base + arr[i % 3] + p.table[i % 4] + p.id + (int)(p.scale * 2);
    if (i == N - 1) { // the copies are private: writing them changes nothing outside
      base = 0;
      arr[0] = 99;
      p.id = -1;
    }
  }
  CHECK("firstprivate base", base, 40);
  CHECK("firstprivate array", arr[0], 1);
  CHECK("firstprivate struct", p.id, 9);
  CHECK("firstprivate out[5]", out[5], 40 + 3 + 20 + 9 + 1);

  // lastprivate: the sequentially last iteration's value, per schedule.
  int l1 = -1, l2 = -1;
  long l6 = -1;
#pragma omp parallel for lastprivate(l1)
  for (int i = 0; i < N; i++)
    l1 = i * 3;
#pragma omp parallel for lastprivate(l2) schedule(static, 7)
  for (int i = 0; i < N; i++)
    l2 = i * 3;
#pragma omp parallel for collapse(2) lastprivate(l6)
  for (int i = 0; i < 30; i++)
    for (int j = 0; j < 40; j++)
      l6 = i * 100L + j;
  CHECK("lastprivate static", l1, 3 * (N - 1));
  CHECK("lastprivate static,7", l2, 3 * (N - 1));
  CHECK("lastprivate collapse", l6, 2939);

  // firstprivate and lastprivate on one variable.
  int fl = 5;
#pragma omp parallel for firstprivate(fl) lastprivate(fl)
  for (int i = 0; i < N; i++)
    if (i == N - 1)
      fl = fl + i; // the copy this thread started with
  CHECK("firstprivate+lastprivate", fl, 5 + (N - 1));

  // lastprivate on a worksharing loop inside a region, after a nowait loop.
  int inner = -1;
#pragma omp parallel
  {
#pragma omp for nowait
    for (int i = 0; i < N; i++)
      out[i] = i;
#pragma omp for lastprivate(inner)
    for (int i = 0; i < N; i++)
      inner = i + 1000;
  }
  CHECK("lastprivate in region", inner, N - 1 + 1000);

  // default(none) with everything named.
  long local_total = 0;
  int n = N;
#pragma omp parallel for default(none) shared(out, n) reduction(+ : local_total)
  for (int i = 0; i < n; i++)
    local_total += out[i];
  shared_total = local_total;
  CHECK("default(none)", shared_total, (long)N * (N - 1) / 2);

  printf("tmp=%d base=%d arr0=%d p.id=%d l=%d,%d,%ld fl=%d inner=%d total=%ld\n", tmp,
         base, arr[0], p.id, l1, l2, l6, fl, inner, shared_total);
  return finish("data-sharing correct");
}
