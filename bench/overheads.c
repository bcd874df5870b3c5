// What synchronization costs: an empty parallel region, and a critical
// section every thread enters in turn, each timed over many repetitions.
// Times go to stderr; stdout holds only the counts (equal to native's).
//
//   overheads [regions] [entries]      (defaults: 2000 2000)
//
// Run natively (OMP_NUM_THREADS=2) and with DistOMP (DISTOMP_NUM_PROCS=2
// DISTOMP_THREADS=1) side by side: docs/benchmarks.md has the figures.
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int regions = argc > 1 ? atoi(argv[1]) : 2000, entries = argc > 2 ? atoi(argv[2]) : 2000;
  long ran = 0;
  double t0 = omp_get_wtime();
  for (int r = 0; r < regions; r++) {
#pragma omp parallel
    {
      if (omp_get_thread_num() < 0) // never: a region with nothing to do or to commit
        ran++;
    }
  }
  double t1 = omp_get_wtime();
  // Each thread enters the critical section in turn: a handoff every entry.
  int turn = 0, threads = 0;
#pragma omp parallel
  {
#pragma omp single
    threads = omp_get_num_threads();
    int me = omp_get_thread_num();
    for (int e = 0; e < entries;) {
#pragma omp critical
      {
        if (turn % threads == me) {
          turn++;
          ran++;
          e++;
        }
      }
    }
  }
  double t2 = omp_get_wtime();
  fprintf(stderr, "empty region: %.1f us; critical section entered in turn: %.1f us an entry "
                  "(%d threads)\n",
          (t1 - t0) / regions * 1e6, (t2 - t1) / ran * 1e6, threads);
  printf("%ld entries\n", ran);
  return 0;
}
