// Self-checks for the OpenMP coverage programs: each CHECK that fails prints
// a line (so the output differs from a correct run) and counts a failure;
// finish() prints the verdict and gives the exit status.
#ifndef DISTOMP_TEST_CHECK_H
#define DISTOMP_TEST_CHECK_H
#include <stdio.h>

static int failures;

#define CHECK(name, got, want)                                                         \
  do {                                                                                 \
    if ((got) != (want)) {                                                             \
      printf("%s: got %.17g, want %.17g\n", name, (double)(got), (double)(want));     \
      failures++;                                                                      \
    }                                                                                  \
  } while (0)

#define CHECK_TRUE(name, cond) CHECK(name, !!(cond), 1)

static int finish(const char *what) {
  printf("%s\n", failures ? "FAILED" : what);
  return failures != 0;
}

#endif
