// Constructs third-party OpenMP test suites found wrong or hanging, each
// against native at every team shape: firstprivate on sections (each
// section its own copy of the initial value), parallel sections, masked
// with a filter (the filtered thread runs it, at 1 and 2 processes too),
// and a num_threads(2) region meeting at a barrier (on one process it still
// gets its two threads).
// RUN: %compare --procs 1,2,4 --threads 1,2 %s
#include <omp.h>
#include <stdio.h>

int main(void) {
  int x = 10, a = 0, b = 0, c = 0;
#pragma omp parallel
  {
#pragma omp sections firstprivate(x) lastprivate(x)
    {
#pragma omp section
      { x += 1; a = x; }
#pragma omp section
      { x += 2; b = x; }
#pragma omp section
      { x += 3; c = x; }
    }
  }
  printf("sections firstprivate: %d %d %d last %d\n", a, b, c, x);

  int d = 0, e = 0, f = 0;
#pragma omp parallel sections
  {
#pragma omp section
    d = 5;
#pragma omp section
    e = 7;
#pragma omp section
    f = d >= 0 ? 9 : 0;
  }
  printf("parallel sections: %d %d %d\n", d, e, f);

  int filtered = -1, masked0 = -1, runs = 0;
#pragma omp parallel
  {
#pragma omp masked filter(1)
    {
      filtered = omp_get_thread_num();
#pragma omp atomic
      runs++;
    }
#pragma omp barrier
#pragma omp masked
    masked0 = omp_get_thread_num();
  }
  // With a team of one, thread 1 does not exist and the block is skipped.
  printf("masked filter(1): %d, runs %d; masked: %d\n", filtered, runs, masked0);

  int seen[2] = {0, 0}, after = 0;
#pragma omp parallel num_threads(2)
  {
    seen[omp_get_thread_num()] = omp_get_thread_num() + 1;
#pragma omp barrier
    if (omp_get_thread_num() == 0)
      after = seen[0] + seen[1];
  }
  printf("num_threads(2) with a barrier: %d\n", after);
  return 0;
}
