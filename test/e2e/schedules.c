// Every schedule kind, with and without a chunk: each iteration runs exactly
// once; for static schedules the iteration-to-thread mapping is OpenMP's and
// is printed.
// RUN: %compare %s
// RUN: %compare --env OMP_SCHEDULE=dynamic,7 %s
// RUN: %compare --env OMP_SCHEDULE=guided %s
#include <omp.h>
#include <stdio.h>

#define N 1000
int hits[N];
int owner[N];

static void check(const char *what) {
  int bad = 0;
  long sum = 0;
  for (int i = 0; i < N; i++) {
    bad += hits[i] != 1;
    sum += hits[i] * (long)i;
    hits[i] = 0;
  }
  printf("%-14s bad=%d sum=%ld\n", what, bad, sum);
}

static void print_owners(const char *what) {
  printf("%s owners:", what);
  for (int i = 0; i < N; i += 37)
    printf(" %d", owner[i]);
  printf("\n");
}

int main(void) {
#pragma omp parallel for schedule(static)
  for (int i = 0; i < N; i++) {
    hits[i]++;
    owner[i] = omp_get_thread_num();
  }
  check("static");
  print_owners("static");
#pragma omp parallel for schedule(static, 3)
  for (int i = 0; i < N; i++) {
    hits[i]++;
    owner[i] = omp_get_thread_num();
  }
  check("static,3");
  print_owners("static,3");
#pragma omp parallel for schedule(dynamic)
  for (int i = 0; i < N; i++)
    hits[i]++;
  check("dynamic");
#pragma omp parallel for schedule(dynamic, 10)
  for (int i = 0; i < N; i++)
    hits[i]++;
  check("dynamic,10");
#pragma omp parallel for schedule(guided)
  for (int i = 0; i < N; i++)
    hits[i]++;
  check("guided");
#pragma omp parallel for schedule(guided, 5)
  for (int i = 0; i < N; i++)
    hits[i]++;
  check("guided,5");
#pragma omp parallel for schedule(runtime)
  for (int i = 0; i < N; i++)
    hits[i]++;
  check("runtime");
#pragma omp parallel for schedule(auto)
  for (int i = 0; i < N; i++)
    hits[i]++;
  check("auto");
  return 0;
}
