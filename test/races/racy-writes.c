// Write/write races are reported on the master's stderr, naming the global
// (and offset) or the kind of memory and the writing code, and the program continues with one of
// the written values. With one process there is nobody to race with. (The
// workers' writes are what is checked here: the master's own writes are
// found by comparing snapshots of pages workers hold, so a master write made
// before any worker fetched the page goes unseen.)
// RUN: %distomp-cc -O2 %s -o %t
// RUN: env DISTOMP_NUM_PROCS=3 %t > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefix=OUT < %t.out
// RUN: FileCheck %s < %t.err
// RUN: env DISTOMP_NUM_PROCS=3 DISTOMP_THREADS=2 %t 2>&1 >/dev/null | FileCheck %s --check-prefix=THREADS
// RUN: env DISTOMP_NUM_PROCS=1 %t 2>&1 >/dev/null | count 0
// With -g a report names where each worker wrote (its first write to the
// page), by source line; without, by function.
// RUN: env DISTOMP_NUM_PROCS=3 %t 2>&1 >/dev/null | FileCheck %s --check-prefix=FUNCTION
// RUN: %distomp-cc -O2 -g %s -o %t.g
// RUN: env DISTOMP_NUM_PROCS=3 %t.g 2>&1 >/dev/null | FileCheck %s --check-prefix=LINES
// RUN: %distomp-cc -O0 -g %s -o %t.g0
// RUN: env DISTOMP_NUM_PROCS=3 %t.g0 2>&1 >/dev/null | FileCheck %s --check-prefix=LINES
// FUNCTION: write/write race on 'last' {{.*}}; process {{[12]}} at main.omp_outlined
// OUT: last=ok table=ok heap=ok
// CHECK-DAG: write/write race on 'last' ({{[0-9]}} byte{{s?}}) in region 'main.omp_outlined'{{.*}}: processes {{[0-9]}} and {{[0-9]}} both wrote it after barrier 0
// CHECK-DAG: write/write race on 'table' + 16 {{.*}} after barrier 1
// CHECK-DAG: write/write race on heap memory at 0x{{[0-9a-f]+}}
// THREADS: write/write race on 'last'
#include <stdio.h>
#include <stdlib.h>

int last;          // every iteration writes it: a race
long table[8];     // every process writes table[2]: a race
int *heap;

int main(void) {
  heap = calloc(1024, sizeof *heap);
#pragma omp parallel
  {
#pragma omp for
    for (int i = 0; i < 900; i++)
      last = i + 1; // LINES-DAG: race on 'last' {{.*}}; process {{[12]}} at {{.*}}racy-writes.c:[[@LINE]] in main.omp_outlined
    // (an implicit barrier here ends the first epoch)
#pragma omp for
    for (int i = 0; i < 900; i++)
      table[2] = i + 1000; // LINES-DAG: race on 'table' + 16 {{.*}} at {{.*}}racy-writes.c:[[@LINE]] in
#pragma omp for
    for (int i = 0; i < 900; i++)
      heap[7] = i + 5; // LINES-DAG: race on heap memory {{.*}} at {{.*}}racy-writes.c:[[@LINE]] in
  }
  printf("last=%s table=%s heap=%s\n", last >= 1 && last <= 900 ? "ok" : "bad",
         table[2] >= 1000 && table[2] < 1900 ? "ok" : "bad",
         heap[7] >= 5 && heap[7] < 905 ? "ok" : "bad");
  return 0;
}
