// Synchronization inside regions: atomic update/capture/read/write, named and
// unnamed critical, single, masked, barrier, and several worksharing loops in
// one parallel region with and without nowait.
// RUN: %compare %s
#include <stdio.h>

int counter;
long total;
double dsum;
int first_single;
int order_ok = 1;
int stage[256];

int main(void) {
#pragma omp parallel
  {
#pragma omp for
    for (int i = 0; i < 1000; i++) {
#pragma omp atomic
      counter++;
#pragma omp atomic update
      total += i;
#pragma omp atomic
      dsum += 0.5;
    }
#pragma omp single
    first_single = counter; // after the implicit barrier: all 1000 increments
#pragma omp for nowait
    for (int i = 0; i < 256; i++)
      stage[i] = i;
#pragma omp barrier
#pragma omp for
    for (int i = 0; i < 256; i++) {
      if (stage[255 - i] != 255 - i) {
#pragma omp critical(order)
        order_ok = 0;
      }
    }
#pragma omp masked
    {
#pragma omp atomic write
      counter = -1;
    }
#pragma omp barrier
    int seen;
#pragma omp atomic read
    seen = counter;
    if (seen != -1) {
#pragma omp critical
      order_ok = 0;
    }
  }
  int captured = 0;
#pragma omp parallel for reduction(+ : captured)
  for (int i = 0; i < 100; i++) {
    int old;
#pragma omp atomic capture
    old = counter++;
    captured += old >= -1;
  }
  printf("first_single=%d total=%ld dsum=%.1f order_ok=%d counter=%d captured=%d\n",
         first_single, total, dsum, order_ok, counter, captured);
  return 0;
}
