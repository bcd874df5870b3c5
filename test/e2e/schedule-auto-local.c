// schedule(auto) is a static schedule (OpenMP leaves the choice to the
// implementation): each thread takes its balanced share, decided in its own
// process with no message to the coordinator, as schedule(static) is. It
// was handed out an iteration at a time: 10^5 grants a loop.
// RUN: %compare --opt=-O2 --procs=1,2,3 --launch=embedded %s
// RUN: %distomp-cc -O2 %s -o %t
// RUN: env DISTOMP_NUM_PROCS=2 DISTOMP_STATS=json %t 2>&1 >/dev/null | FileCheck %s --check-prefix=STATS
// Two loops of 100,000 iterations in one region: one chunk each per process.
// STATS-DAG: "rank": 0, "master": true, {{.*}}"chunks": 2, "iterations": 100000,
// STATS-DAG: "rank": 1, "master": false, {{.*}}"chunks": 2, "iterations": 100000,
// STATS-DAG: "coordinator": {"received": {{[0-9]+}}, "sent": {{[0-9]+}}, "chunks": 0}
#include <stdio.h>

#define N 100000
double a[N], b[N];
int last;

int main(void) {
  double sum = 0;
#pragma omp parallel
  {
#pragma omp for schedule(auto)
    for (int i = 0; i < N; i++)
      a[i] = (i % 97) * 0.25;
#pragma omp for schedule(auto) reduction(+ : sum) lastprivate(last)
    for (int i = 0; i < N; i++) {
      b[i] = a[(i + 1) % N] + a[i];
      sum += b[i];
      last = i;
    }
  }
  printf("%.2f %.2f %d\n", sum, b[N - 1], last);
  return 0;
}
