// A wavefront: longest-common-subsequence lengths of two sequences, one
// `parallel for` per anti-diagonal (each cell needs its left, upper and
// upper-left neighbours). The score is checked against a serial run.
//
//   wavefront [N]                  (default: 2000)
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int *table; // (n+1) x (n+1), row-major
static char *x, *y;

static void cell(int n, int i, int j) {
  int w = n + 1;
  if (x[i - 1] == y[j - 1])
    table[i * w + j] = table[(i - 1) * w + j - 1] + 1;
  else {
    int up = table[(i - 1) * w + j], left = table[i * w + j - 1];
    table[i * w + j] = up > left ? up : left;
  }
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 2000;
  x = malloc(n);
  y = malloc(n);
  for (int i = 0; i < n; i++) {
    x[i] = "ACGT"[(i * 7 + i / 3) % 4];
    y[i] = "ACGT"[(i * 5 + i / 7 + 1) % 4];
  }
  table = calloc((size_t)(n + 1) * (n + 1), sizeof(int));
  for (int d = 2; d <= 2 * n; d++) { // cells with i + j == d
    int lo = d - n > 1 ? d - n : 1, hi = d - 1 < n ? d - 1 : n;
#pragma omp parallel for schedule(static)
    for (int i = lo; i <= hi; i++)
      cell(n, i, d - i);
  }
  int score = table[n * (n + 1) + n];
  memset(table, 0, sizeof(int) * (size_t)(n + 1) * (n + 1));
  for (int i = 1; i <= n; i++)
    for (int j = 1; j <= n; j++)
      cell(n, i, j);
  int ok = table[n * (n + 1) + n] == score;
  printf("wavefront %d x %d: LCS %d %s\n", n, n, score, ok ? "VERIFIED" : "FAILED");
  return !ok;
}
