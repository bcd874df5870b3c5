// A race report reads the executable's symbols and line table (libdw). A
// program that defines its own open, read, pread and close (legal C outside
// POSIX) does not capture that reading: the report still names the global
// and the line, and the program sees exactly its own calls, as natively
// (here: none). With DEBUGINFOD_URLS set (Debian's profile sets it), a build
// without -g still gets its report from the executable's symbols at once,
// with nothing fetched over the network.
// RUN: %clang -fopenmp -O2 %s -o %t.native
// RUN: %t.native > %t.native.out
// RUN: %distomp-cc -O2 -g %s -o %t
// RUN: bash %S/Inputs/race-run.sh %t %t.out %t.err
// RUN: diff %t.native.out %t.out
// RUN: FileCheck %s --check-prefix=LINES < %t.err
// RUN: %distomp-cc -O2 %s -o %t.nog
// RUN: env DEBUGINFOD_URLS=http://127.0.0.1:9 bash %S/Inputs/race-run.sh %t.nog %t.nog.out %t.nog.err
// RUN: diff %t.native.out %t.nog.out
// RUN: FileCheck %s --check-prefix=FUNCTION < %t.nog.err
// FUNCTION: write/write race on 'last' {{.*}}; process 1 at main.omp_outlined;
#include <stdio.h>
#include <sys/types.h>

static int opens, reads, preads, closes;
int open(const char *name, int mode) { (void)name; opens++; return mode; }
ssize_t read(int fd, void *buf, size_t n) { (void)fd; (void)buf; reads++; return (ssize_t)n; }
ssize_t pread(int fd, void *buf, size_t n, long at) {
  (void)fd; (void)buf; (void)at; preads++; return (ssize_t)n;
}
int close(int fd) { (void)fd; closes++; return 0; }

int last; // every iteration writes it: a race

int main(void) {
#pragma omp parallel for
  for (int i = 0; i < 900; i++)
    last = i + 1; // LINES: race on 'last' {{.*}}; process 1 at {{.*}}program-defines-open.c:[[@LINE]] in main.omp_outlined
  printf("last %s, open %d, read %d, pread %d, close %d\n",
         last >= 1 && last <= 900 ? "ok" : "bad", opens, reads, preads, closes);
  return 0;
}
