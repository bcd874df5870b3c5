// A release larger than a frame goes home in pieces, applied together with
// the last: here every piece is at most 16 KiB (DISTOMP_COMMIT_PIECE_KIB, an
// internal knob; the real bound is 256 MiB a piece under ZeroMQ's 1 GiB
// frames), so a worker's 2 MiB of writes between barriers take dozens of
// pieces (46 at 2 processes: the changed bytes only), at a barrier and at a
// reduction's release.
// RUN: %compare --opt=-O2 --procs=2,3 --launch=embedded --env DISTOMP_COMMIT_PIECE_KIB=16 %s
#include <stdio.h>

#define N (1 << 18)
double a[N], b[N];

int main(void) {
  double sum = 0;
#pragma omp parallel
  {
#pragma omp for schedule(static)
    for (int i = 0; i < N; i++)
      a[i] = (i % 1000) * 0.5;
#pragma omp for schedule(static) reduction(+ : sum)
    for (int i = 0; i < N; i++) {
      b[i] = a[(i + 4099) % N] - a[i];
      sum += b[i] * (i % 7);
    }
  }
  printf("%.3f %.3f %.3f\n", sum, b[1], b[N - 1]);
  return 0;
}
