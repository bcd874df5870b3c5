// Race-free programs with heavy false sharing draw no race report (the
// comparison fails on any runtime warning): neighbouring bytes, fields and
// elements of one page written by different processes and threads, under
// static, chunked and dynamic schedules, and writes ordered by a critical
// section or separated by a barrier.
// RUN: %compare --self-check --procs 1,2,4 --threads 1,2 %s
#include <stdio.h>

#define N 8192
char bytes[N];
short shorts[N];
struct cell {
  char tag;
  int value;
  double weight;
} cells[1024];
long shared_total;
int owner;

int main(void) {
#pragma omp parallel for schedule(static, 1)
  for (int i = 0; i < N; i++)
    bytes[i] = (char)(i % 101);
#pragma omp parallel for schedule(dynamic, 3)
  for (int i = 0; i < N; i++)
    shorts[i] = (short)(i * 3);
#pragma omp parallel for schedule(static, 1)
  for (int i = 0; i < 1024; i++) {
    cells[i].tag = 'a' + i % 26;
    cells[i].value = i * i;
    cells[i].weight = i * 0.5;
  }
#pragma omp parallel
  {
#pragma omp for
    for (int i = 0; i < 1000; i++) {
#pragma omp critical
      shared_total += i;
    }
    // A barrier separates these writes of one variable by every thread.
#pragma omp single
    owner = 1;
#pragma omp for
    for (int i = 0; i < 64; i++)
      if (i == 63)
        owner = 2;
  }
  long sum = 0;
  for (int i = 0; i < N; i++)
    sum += bytes[i] + shorts[i];
  for (int i = 0; i < 1024; i++)
    sum += cells[i].tag + cells[i].value + (long)cells[i].weight;
  int ok = shared_total == 499500 && owner == 2;
  printf("sum=%ld total=%ld owner=%d %s\n", sum, shared_total, owner, ok ? "correct" : "FAILED");
  return !ok;
}
