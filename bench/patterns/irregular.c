// An irregular loop: work per iteration varies by orders of magnitude
// (Collatz trajectories of the numbers in a range), so the program uses a
// dynamic schedule. The total is an exact integer, checked serially on a
// sample of iterations.
//
//   irregular [count] [first]      (defaults: 3000000 1)
#include <stdio.h>
#include <stdlib.h>

static long steps_of(long v) {
  long s = 0;
  while (v != 1) {
    v = (v & 1) ? 3 * v + 1 : v / 2;
    s++;
  }
  return s;
}

int main(int argc, char **argv) {
  long count = argc > 1 ? atol(argv[1]) : 3000000, first = argc > 2 ? atol(argv[2]) : 1;
  long *steps = malloc(sizeof(long) * count);
  long total = 0, longest = 0;
#pragma omp parallel for schedule(dynamic, 256) reduction(+ : total) reduction(max : longest)
  for (long i = 0; i < count; i++) {
    steps[i] = steps_of(first + i);
    total += steps[i];
    if (steps[i] > longest)
      longest = steps[i];
  }
  int ok = 1;
  for (long i = 0; i < count; i += 997)
    ok &= steps[i] == steps_of(first + i);
  printf("irregular %ld numbers from %ld: %ld steps in all, longest %ld %s\n", count, first, total,
         longest, ok ? "VERIFIED" : "FAILED");
  return !ok;
}
