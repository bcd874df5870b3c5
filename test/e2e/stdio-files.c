// A FILE the master opened is the master's alone: a region writing to one
// runs locally with libomp (named in a compile-time warning) and the file
// gets every line, as natively; the standard streams stay distributed.
// RUN: %compare --allow-local-regions --allow-warnings --procs 1,2,3 %s
// RUN: %distomp-cc -O2 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=WARN
// WARN: stdio-files.c:[[@LINE+15]]:{{[0-9]+}}: warning: distomp: parallel region {{.*}} runs locally with libomp, not distributed: it uses a C stdio call ('fprintf') on a FILE other than stdin, stdout or stderr
// WARN-NOT: distomp: 
#include <stdio.h>
#include <stdlib.h>

int main(void) {
  char path[] = "/tmp/distomp-stdio-XXXXXX";
  int fd = mkstemp(path);
  FILE *log = fdopen(fd, "w");
  double s = 0;
#pragma omp parallel for reduction(+ : s)
  for (int i = 0; i < 64; i++) {
    s += i;
    if (i % 16 == 0)
#pragma omp critical
      fprintf(log, "step %d\n", i);
  }
  fclose(log);
  FILE *in = fopen(path, "r");
  int lines = 0;
  char l[64];
  while (fgets(l, sizeof l, in))
    lines++;
  fclose(in);
  remove(path);
  double t = 0;
#pragma omp parallel for reduction(+ : t)
  for (int i = 0; i < 64; i++) {
    t += i;
    if (i == 7)
      fprintf(stderr, "stderr is every process's own\n");
  }
  printf("%.0f %.0f lines %d\n", s, t, lines);
  return 0;
}
