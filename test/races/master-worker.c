// A race between the master and a worker is reported like any other, also
// when the master wrote before any worker fetched the page: the master
// watches the small globals a region names and what its arguments point to
// (a shared local in main's frame here) from the region's start. Exact
// bytes: the neighbours written by one process each are no race.
// RUN: %distomp-cc -O2 %s -o %t
// RUN: bash %S/Inputs/race-run.sh %t %t.out %t.err
// RUN: FileCheck %s --check-prefix=OUT < %t.out
// RUN: FileCheck %s < %t.err
// RUN: env DISTOMP_NUM_PROCS=1 %t 2>&1 >/dev/null | count 0
// OUT: last ok, local ok, own 1 2
// CHECK-DAG: write/write race on 'last' ({{[0-9]}} byte{{s?}}) in region 'main.omp_outlined'{{.*}}: processes 0 and 1 both wrote it
// CHECK-DAG: write/write race on the master's stack at 0x{{[0-9a-f]+}} {{.*}}processes 0 and 1 both wrote it
// CHECK-NOT: 'own'
#include <stdio.h>

int last;   // both processes write it: a race
int own[2]; // each process writes its own element: no race

int main(void) {
  int local = 0; // shared, in main's frame: a race
#pragma omp parallel for schedule(static)
  for (int i = 0; i < 4; i++) {
    last = i + 1;
    local = i;
    own[i / 2] = i / 2 + 1;
  }
  printf("last %s, local %s, own %d %d\n", last >= 1 && last <= 4 ? "ok" : "bad",
         local >= 0 && local <= 3 ? "ok" : "bad", own[0], own[1]);
  return 0;
}
