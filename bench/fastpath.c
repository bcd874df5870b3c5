// Cost of instrumented accesses on pages this process holds (the fast path),
// against the same program built natively. Built twice by fastpath.py: with
// clang -fopenmp and with distomp-cc. Each kernel runs inside a parallel
// region (only those are instrumented) on one thread, and prints nanoseconds
// per access.
//
//   affine-load    sum += a[i]          the check is hoisted to the preheader
//   gather-load    sum += a[idx[i]]     an inline check per access
//   scatter-store  a[idx[i]] = v        an inline store check per access
//   pointer-chase  p = p->next          an inline check per hop
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

enum { N = 1 << 16, Reps = 400 };

typedef struct node { struct node *next; long pad; } node;

static double a[N];
static int idx[N];
static node nodes[N];

static double now(void) { return omp_get_wtime(); }

int main(void) {
  unsigned s = 12345;
  for (int i = 0; i < N; i++) {
    a[i] = i;
    idx[i] = i;
  }
  for (int i = N - 1; i > 0; i--) { // a random permutation, for gathers and the chase
    s = s * 1103515245u + 12345u;
    int j = (int)(s % (unsigned)(i + 1));
    int t = idx[i];
    idx[i] = idx[j];
    idx[j] = t;
  }
  for (int i = 0; i < N; i++)
    nodes[idx[i]].next = &nodes[idx[(i + 1) % N]];

  double sink = 0, t0, t;
#define KERNEL(name, body)                                                     \
  t0 = now();                                                                  \
  for (int r = 0; r < Reps; r++) {                                             \
    _Pragma("omp parallel for reduction(+ : sink) num_threads(1)")             \
    for (int i = 0; i < N; i++) { body; }                                      \
  }                                                                            \
  t = now() - t0;                                                              \
  printf("%-14s %6.3f ns/access\n", name, t * 1e9 / ((double)N * Reps));

  KERNEL("affine-load", sink += a[i])
  KERNEL("gather-load", sink += a[idx[i]])
  KERNEL("scatter-store", a[idx[i]] = i; sink += 1)
  t0 = now();
  node *p = &nodes[0];
#pragma omp parallel num_threads(1) firstprivate(p) reduction(+ : sink)
  {
    for (long k = 0; k < (long)N * Reps / 8; k++)
      p = p->next;
    sink += p == 0;
  }
  t = now() - t0;
  printf("%-14s %6.3f ns/access\n", "pointer-chase", t * 1e9 / ((double)N * Reps / 8));
  return sink == 42.0; // keep the work observable
}
