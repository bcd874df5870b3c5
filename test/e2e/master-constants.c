// Pointers the master takes to constants (string literals, const tables)
// and hands to a region through its arguments and through shared memory:
// workers read the same bytes at the master's addresses.
// RUN: %compare %s
#include <stdio.h>
#include <string.h>

static const double weights[5] = {0.5, 1.5, 2.5, 3.5, 4.5};
static const char *const names[3] = {"alpha", "beta", "gamma"};
const char *chosen; // a global holding a pointer into the master's constants
int lengths[300];
double sums[300];

static void fill(const char *text, const double *table, int n) {
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
    lengths[i] = (int)strlen(text) + (int)strlen(chosen) + (int)strlen(names[i % 3]);
    sums[i] = table[i % 5] * i;
  }
}

int main(int argc, char **argv) {
  (void)argv;
  chosen = argc > 5 ? "never" : "a string literal of the master";
  fill("another literal", weights, 300);
  long total = 0;
  double s = 0;
  for (int i = 0; i < 300; i++)
    total += lengths[i], s += sums[i];
  printf("total=%ld sum=%.1f\n", total, s);
  return 0;
}
