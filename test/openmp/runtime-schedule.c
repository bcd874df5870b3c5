// schedule(runtime) follows run-sched-var as the program set it with
// omp_set_schedule (not only OMP_SCHEDULE at start), and omp_get_schedule
// answers it inside the region, in every process.
// RUN: %compare --procs 1,2,4 --threads 1,2 %s
// RUN: %compare --procs 2,3 --env OMP_SCHEDULE=static,3 %s
#include <omp.h>
#include <stdio.h>

#define N 48

static void run(const char *what) {
  int owner[N], kinds[64] = {0}, chunks[64] = {0}, n = 0;
#pragma omp parallel
  {
    omp_sched_t k;
    int c;
    omp_get_schedule(&k, &c);
    kinds[omp_get_thread_num()] = (int)k & 0x7fffffff;
    chunks[omp_get_thread_num()] = c;
#pragma omp for schedule(runtime)
    for (int i = 0; i < N; i++)
      owner[i] = omp_get_thread_num();
#pragma omp single
    n = omp_get_num_threads();
  }
  int alike = 1;
  for (int t = 1; t < n; t++)
    alike &= kinds[t] == kinds[0] && chunks[t] == chunks[0];
  printf("%s: kind %d chunk %d (all threads alike: %d), owners", what, kinds[0], chunks[0], alike);
  for (int i = 0; i < N; i++)
    printf(" %d", owner[i]);
  printf("\n");
}

int main(void) {
  run("start");
  omp_set_schedule(omp_sched_static, 5);
  run("static,5");
  omp_set_schedule(omp_sched_static, 0);
  run("static");
  return 0;
}
