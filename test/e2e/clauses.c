// Data-sharing and other clauses: private, firstprivate, lastprivate,
// if(true/false), num_threads, collapse(3).
// RUN: %compare %s
#include <stdio.h>

int cube[20][30][40];

int main(int argc, char **argv) {
  (void)argv;
  int base = 100, last = -1, tmp;
#pragma omp parallel for firstprivate(base) lastprivate(last) private(tmp)
  for (int i = 0; i < 1000; i++) {
    tmp = base + i;
    last = tmp * 2;
  }
  long s_if = 0, s_noif = 0;
#pragma omp parallel for if(argc > 0) reduction(+ : s_if)
  for (int i = 0; i < 500; i++)
    s_if += i;
#pragma omp parallel for if(argc > 5) reduction(+ : s_noif)
  for (int i = 0; i < 500; i++)
    s_noif += 2 * i;
#pragma omp parallel for num_threads(2) collapse(3)
  for (int i = 0; i < 20; i++)
    for (int j = 0; j < 30; j++)
      for (int k = 0; k < 40; k++)
        cube[i][j][k] = i * 10000 + j * 100 + k;
  long sc = 0;
  for (int i = 0; i < 20; i++)
    for (int j = 0; j < 30; j++)
      for (int k = 0; k < 40; k++)
        sc += cube[i][j][k] % 7;
  printf("last=%d s_if=%ld s_noif=%ld sc=%ld\n", last, s_if, s_noif, sc);
  return 0;
}
