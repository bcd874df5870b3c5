// Loop clauses and the OpenMP API inside distributed regions: collapse(2)
// and collapse(3) including a non-rectangular (triangular) nest, schedule
// modifiers, schedule(runtime) under OMP_SCHEDULE, num_threads, if, and the
// team queries: thread numbers are global and consistent, every thread of
// the team is seen once. Self-checking and compared against native OpenMP.
// RUN: %compare --self-check --procs 1,2,4 --threads 1,2 %s
// RUN: %compare --self-check --procs 3 --threads 2 --env OMP_SCHEDULE=dynamic,7 %s
// RUN: %compare --self-check --procs 2 --env OMP_SCHEDULE=guided %s
#include "Inputs/check.h"
#include <omp.h>
#include <stdio.h>

int tri[200][200];
long cube[16][16][16];
int seen[512], seen_size[512];
int runtime_hits[1000];

int main(void) {
  int max = omp_get_max_threads();
  CHECK_TRUE("not in parallel outside", !omp_in_parallel());
  CHECK_TRUE("one thread outside", omp_get_num_threads() == 1 && omp_get_thread_num() == 0);

  // Every thread of the team, once, with consistent numbers.
  int team = 0;
#pragma omp parallel
  {
    int me = omp_get_thread_num();
    seen[me] += 1;
    seen_size[me] = omp_get_num_threads();
#pragma omp single
    team = omp_get_num_threads();
    if (!omp_in_parallel() && omp_get_num_threads() > 1)
      seen[me] = -100;
  }
  int once = 1;
  for (int t = 0; t < team; t++)
    once &= seen[t] == 1 && seen_size[t] == team;
  CHECK_TRUE("every thread once", once && team == max);

  // Triangular collapse: j runs from i.
#pragma omp parallel for collapse(2) schedule(static)
  for (int i = 0; i < 200; i++)
    for (int j = i; j < 200; j++)
      tri[i][j] = i * 1000 + j;
  long tsum = 0;
  int tri_ok = 1;
  for (int i = 0; i < 200; i++)
    for (int j = 0; j < 200; j++) {
      tsum += tri[i][j];
      tri_ok &= tri[i][j] == (j >= i ? i * 1000 + j : 0);
    }
  CHECK_TRUE("triangular collapse", tri_ok);

#pragma omp parallel for collapse(3) schedule(dynamic, 5)
  for (int i = 0; i < 16; i++)
    for (int j = 0; j < 16; j++)
      for (int k = 0; k < 16; k++)
        cube[i][j][k] = i * 256 + j * 16 + k;
  long csum = 0;
  for (int i = 0; i < 16; i++)
    for (int j = 0; j < 16; j++)
      for (int k = 0; k < 16; k++)
        csum += cube[i][j][k];
  CHECK_TRUE("collapse(3)", csum == 4096L * 4095 / 2);

  // Schedule modifiers.
  long m1 = 0, m2 = 0, m3 = 0;
#pragma omp parallel for schedule(monotonic : dynamic, 4) reduction(+ : m1)
  for (int i = 0; i < 1000; i++)
    m1 += i;
#pragma omp parallel for schedule(nonmonotonic : dynamic) reduction(+ : m2)
  for (int i = 0; i < 1000; i++)
    m2 += i;
#pragma omp parallel for schedule(monotonic : static, 3) reduction(+ : m3)
  for (int i = 0; i < 1000; i++)
    m3 += i;
  CHECK_TRUE("modifiers", m1 == 499500 && m2 == 499500 && m3 == 499500);

  // schedule(runtime): whatever OMP_SCHEDULE says, every iteration once.
#pragma omp parallel for schedule(runtime)
  for (int i = 0; i < 1000; i++)
    runtime_hits[i] += 1;
  int rt_ok = 1;
  for (int i = 0; i < 1000; i++)
    rt_ok &= runtime_hits[i] == 1;
  CHECK_TRUE("runtime schedule", rt_ok);

  // num_threads and if.
  int nt = 0, off = 0, off_num = 0;
#pragma omp parallel num_threads(2)
  {
#pragma omp single
    nt = omp_get_num_threads();
  }
#pragma omp parallel if (0)
  {
    off = omp_in_parallel();
    off_num = omp_get_num_threads();
  }
  CHECK_TRUE("num_threads(2) gives at most 2", nt >= 1 && nt <= 2);
  CHECK_TRUE("if(0) runs one thread", off == 0 && off_num == 1);

  double t0 = omp_get_wtime();
  double t1 = 0;
#pragma omp parallel
  {
#pragma omp master
    t1 = omp_get_wtime();
  }
  CHECK_TRUE("wtime moves forward", t1 >= t0);

  printf("team=%d tri=%ld cube=%ld runtime=%d if=%d,%d\n", team == max, tsum, csum, rt_ok,
         off, off_num);
  return finish("loops and API correct");
}
