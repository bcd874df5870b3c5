// Code between the constructs copies a shared phase into a local after a
// `single` set it; beside it, a counter that later `single`s move on. The
// phase does not change again, so a replay of a thread lost in the second
// loop reads what the dead thread read and gives native's output: the
// counter's later changes do not count against the phase's bytes.
#include <omp.h>
#include <stdio.h>
#include <unistd.h>
#define N 300
long a[N], b[N];
struct {
  int phase, moves;
} state;
int main(void) {
#pragma omp parallel
  {
#pragma omp single
    state.phase = 3;
    int factor = state.phase;
#pragma omp for schedule(dynamic, 10)
    for (int i = 0; i < N; i++) {
      if (i % 10 == 0)
        usleep(40000);
      a[i] = i % 17;
    }
#pragma omp single
    state.moves += 1;
#pragma omp for schedule(dynamic, 10)
    for (int i = 0; i < N; i++) {
      if (i % 10 == 0)
        usleep(80000); // the second loop is the longer: a kill at 0.8 s lands in it
      b[i] = a[i] * factor + a[(i + 1) % N];
    }
#pragma omp single
    state.moves += 1;
  }
  long s = 0;
  for (int i = 0; i < N; i++)
    s += b[i] * (i % 5 + 1);
  printf("sum %ld, moves %d\n", s, state.moves);
  return 0;
}
