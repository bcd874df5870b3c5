// omp_capture_affinity names each thread by the distributed team: %n is its
// number in the team and %N the team's size, in whichever process it runs;
// long names, widths, padding and OMP_AFFINITY_FORMAT as libomp has them.
// RUN: %compare --procs 1,2,4 --threads 1,2 --env "OMP_AFFINITY_FORMAT=team %N thread %n level %L" %s
#include <omp.h>
#include <stdio.h>

#define FORMATS 4
static const char *formats[FORMATS] = {
    "%n of %N", "%{thread_num}/%{num_threads} at level %{nesting_level}",
    "[%03n|%.3n|%0.3n|%3n|%0N]", NULL /* OMP_AFFINITY_FORMAT */};

int main(void) {
  char out[64][FORMATS][96];
  size_t needed[64] = {0};
  int n = 0;
#pragma omp parallel
  {
    int t = omp_get_thread_num();
    for (int f = 0; f < FORMATS; f++)
      needed[t] += omp_capture_affinity(out[t][f], sizeof out[t][f], formats[f]);
#pragma omp single
    n = omp_get_num_threads();
  }
  for (int t = 0; t < n; t++)
    for (int f = 0; f < FORMATS; f++)
      printf("%d.%d: %s\n", t, f, out[t][f]);
  size_t total = 0;
  for (int t = 0; t < n; t++)
    total += needed[t];
  printf("needed %zu\n", total);
  return 0;
}
