// A 2D array walked row by row, as a stencil does: the loop's range checks
// cover one row (8 KiB, three pages of a malloc'd array) each, and a row
// whose first missing page continues the walk reads ahead, its window
// doubling: the worker's cold run fetches its half in a few dozen requests,
// not one per row. Output equals native's at 1, 2 and 3 processes.
// RUN: %compare --procs 1,2,3 %s
// RUN: %distomp-cc -O2 %s -o %t
// RUN: env DISTOMP_NUM_PROCS=2 DISTOMP_THREADS=1 DISTOMP_PLACEMENT=distribute DISTOMP_STATS=json \
// RUN:   %t 2>&1 >/dev/null | %python -c "import json, sys; \
// RUN:   w = [json.loads(l.split('stats-json: ', 1)[1]) for l in sys.stdin if 'stats-json: ' in l]; \
// RUN:   w = [d for d in w if not d['master']][0]; \
// RUN:   print('rows fetched in few requests' if w['fetch_requests'] < 64 < w['pages_fetched'] \
// RUN:         else 'fetched %d pages in %d requests' % (w['pages_fetched'], w['fetch_requests']))" \
// RUN:   | FileCheck %s
// CHECK: rows fetched in few requests
#include <stdio.h>
#include <stdlib.h>

int main(void) {
  int n = 1024;
  double *in = malloc(sizeof(double) * n * n), *out = malloc(sizeof(double) * n * n);
  for (int i = 0; i < n * n; i++)
    in[i] = (i % 977) * 0.5;
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
    int up = (i + n - 1) % n, down = (i + 1) % n;
    for (int j = 0; j < n; j++)
      out[i * n + j] = 0.5 * in[i * n + j] + 0.25 * (in[up * n + j] + in[down * n + j]);
  }
  double s = 0;
  for (int i = 0; i < n * n; i++)
    s += out[i] * (i % 3 + 1);
  printf("sum %.3f\n", s);
  free(in);
  free(out);
  return 0;
}
