// Thread counts as OpenMP defines them, for the distributed team: a team is
// never larger than the program asked for and gets what it asked for
// (omp_set_num_threads, num_threads, fewer or more threads than processes),
// and omp_get_max_threads tells the truth before, inside (nthreads-var, not
// the team's size) and after.
// RUN: %compare --procs 1,2,4 --threads 1,2 %s
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

static int team_size(void) {
  int n = 0;
#pragma omp parallel
  {
#pragma omp atomic
    n++;
  }
  return n;
}

int main(void) {
  printf("max at start %d, team %d\n", omp_get_max_threads(), team_size());

  // Per-thread arrays sized from omp_get_max_threads() after asking for 2.
  omp_set_num_threads(2);
  int max = omp_get_max_threads();
  double *partial = calloc((size_t)max, sizeof(double));
#pragma omp parallel
  {
    int t = omp_get_thread_num();
    for (int i = t; i < 1000; i += omp_get_num_threads())
      partial[t] += i * 0.5;
#pragma omp barrier
#pragma omp single
    printf("team of %d after omp_set_num_threads(2)\n", omp_get_num_threads());
  }
  double sum = 0;
  for (int t = 0; t < max; t++)
    sum += partial[t];
  printf("max %d sum %.1f\n", max, sum);
  free(partial);

  // A num_threads clause below and above the number of processes, with a
  // barrier inside: each thread sees the others' writes after it.
  for (int want = 1; want <= 10; want += 3) {
    int ids[16] = {0}, inner[16] = {0};
    int total = 0, inner_same = 1;
#pragma omp parallel num_threads(want)
    {
      ids[omp_get_thread_num()] = omp_get_thread_num() + 1;
      // nthreads-var inherited: not the clause's size, in every process.
      inner[omp_get_thread_num()] = omp_get_max_threads();
#pragma omp barrier
#pragma omp single
      for (int t = 0; t < omp_get_num_threads(); t++)
        total += ids[t];
    }
    for (int t = 1; t < want; t++)
      inner_same &= inner[t] == inner[0];
    printf("num_threads(%d): sum of ids %d, max inside %d (all threads alike: %d)\n", want,
           total, inner[0], inner_same);
  }
  omp_set_num_threads(3);
  printf("max %d, team %d\n", omp_get_max_threads(), team_size());
  return 0;
}
