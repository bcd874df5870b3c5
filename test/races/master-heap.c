// A race between the master and a worker on memory no region descriptor
// lists (a large global, the heap behind a pointer) is reported too: the
// master's first store to each page no worker holds takes the miss path and
// is watched from before it, so its writes are known byte by byte even when
// the worker fetches the page after them. (Bytes, not variables: a report
// names the bytes whose values the master changed.) Bytes each process writes alone
// (its own elements of the same pages) are no race.
// RUN: %distomp-cc -O2 %s -o %t
// RUN: bash %S/Inputs/race-run.sh %t %t.out %t.err
// RUN: FileCheck %s --check-prefix=OUT < %t.out
// RUN: FileCheck %s < %t.err
// RUN: env DISTOMP_NUM_PROCS=1 %t 2>&1 >/dev/null | count 0
// OUT: shared ok, own ok
// CHECK-DAG: write/write race on 'big' + {{[0-7]}} ({{[0-9]}} byte{{s?}}) in region 'main.omp_outlined'{{.*}}: processes 0 and 1 both wrote it
// CHECK-DAG: write/write race on {{heap|mapped}} memory {{.*}}at 0x{{[0-9a-f]+}} {{.*}}processes 0 and 1 both wrote it
// CHECK-NOT: race on 'own'
#include <stdio.h>
#include <stdlib.h>

#define N 40000
double big[N]; // 320 KB: more than the region's watch list takes
int own[N];    // each process writes its own half: no race

int main(void) {
  int *heap = malloc(N * sizeof(int));
  for (int i = 0; i < N; i++)
    heap[i] = 0;
#pragma omp parallel for schedule(static)
  for (int i = 0; i < N; i++) {
    // Every process writes element 0 of each (iteration 0 on the master,
    // the first of its block on a worker).
    int first = i == 0 || i == N / 2;
    if (first) {
      big[0] = i + 1;
      heap[0] = i + 1;
    }
    own[i] = i;
  }
  int ok = 1;
  for (int i = 0; i < N; i++)
    ok &= own[i] == i;
  printf("shared %s, own %s\n", (heap[0] == 1 || heap[0] == N / 2 + 1) ? "ok" : "bad",
         ok ? "ok" : "bad");
  free(heap);
  return 0;
}
