// Exhaustive 2D HP lattice protein folding, as in DistVES's third
// experiment. An ordinary OpenMP program.
//
//   prototein [length] [split-depth]        (defaults: 20 7)
//
// A protein is a chain of hydrophobic (H) and polar (P) residues; a fold is a
// self-avoiding walk on the square lattice, and its energy is minus the
// number of H-H pairs that are lattice neighbours but not chain neighbours.
// The program searches every fold of the first `length` residues of a
// standard 64-residue benchmark sequence for the lowest energy. The first
// move is fixed and the first turn taken to the left (symmetry), the partial
// folds up to `split-depth` moves are listed, and a parallel loop spreads
// them; each thread keeps its best, and a declared reduction combines the
// best energy and the number of folds reaching it.
// Verification: for length <= 12 a serial search from scratch agrees; for
// the standard 20-residue benchmark the known optimum, -9, is found.
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char Sequence[] =
    "HHHHHHHHHHHHPHPHPPHHPPHHPPHPPHHPPHHPPHPPHHPPHHPPHPHPHHHHHHHHHHHH"; // 64 residues
static const char Benchmark20[] = "HPHPPHHPHPPHPHHPPHPH";                // optimum -9

enum { MaxLen = 64, Grid = 2 * MaxLen + 3 };
static const int Dx[4] = {1, 0, -1, 0}, Dy[4] = {0, 1, 0, -1};

typedef struct {
  int best;  // lowest energy found
  long ways; // folds with that energy
} result;

static void merge(result *out, const result *in) {
  if (in->best < out->best) {
    *out = *in;
  } else if (in->best == out->best) {
    out->ways += in->ways;
  }
}
#pragma omp declare reduction(best : result : merge(&omp_out, &omp_in))                      \
    initializer(omp_priv = (result){1, 0})

typedef struct {
  const char *seq;
  int n;
  short cell[Grid * Grid]; // residue index + 1 at each lattice cell, 0 if empty
  int x[MaxLen], y[MaxLen];
} walk;

static int contacts_of(const walk *w, int k) {
  if (w->seq[k] != 'H')
    return 0;
  int c = 0;
  for (int d = 0; d < 4; d++) {
    int other = w->cell[(w->y[k] + Dy[d]) * Grid + w->x[k] + Dx[d]] - 1;
    if (other >= 0 && other < k - 1 && w->seq[other] == 'H')
      c++;
  }
  return c;
}

static void place(walk *w, int k, int x, int y) {
  w->x[k] = x, w->y[k] = y;
  w->cell[y * Grid + x] = (short)(k + 1);
}

static void unplace(walk *w, int k) { w->cell[w->y[k] * Grid + w->x[k]] = 0; }

/// Extends a fold of residues 0..k-1 (energy `energy`) in every way.
static void search(walk *w, int k, int energy, result *r) {
  if (k == w->n) {
    if (energy < r->best)
      r->best = energy, r->ways = 1;
    else if (energy == r->best)
      r->ways++;
    return;
  }
  for (int d = 0; d < 4; d++) {
    int x = w->x[k - 1] + Dx[d], y = w->y[k - 1] + Dy[d];
    if (w->cell[y * Grid + x])
      continue;
    place(w, k, x, y);
    search(w, k + 1, energy - contacts_of(w, k), r);
    unplace(w, k);
  }
}

static void start(walk *w, const char *seq, int n) {
  memset(w, 0, sizeof *w);
  w->seq = seq;
  w->n = n;
  place(w, 0, Grid / 2, Grid / 2);
  if (n > 1)
    place(w, 1, Grid / 2 + 1, Grid / 2);
}

/// Partial folds of `depth` residues with the symmetry fixed: residue 1 to
/// the right of residue 0, and the first move off the x axis going up.
/// Each is written as its moves (2 bits per residue) into out (if not
/// null); returns how many there are.
static long prefixes_from(walk *w, int k, int depth, int turned, unsigned long long moves,
                          unsigned long long *out, long count) {
  if (k == depth) {
    if (out)
      out[count] = moves;
    return count + 1;
  }
  for (int d = 0; d < 4; d++) {
    if (!turned && d == 3) // until the walk leaves the x axis: straight on or up
      continue;
    int x = w->x[k - 1] + Dx[d], y = w->y[k - 1] + Dy[d];
    if (w->cell[y * Grid + x])
      continue;
    place(w, k, x, y);
    count = prefixes_from(w, k + 1, depth, turned || d == 1,
                          moves | ((unsigned long long)d << (2 * k)), out, count);
    unplace(w, k);
  }
  return count;
}

static long prefixes(const char *seq, int n, int depth, unsigned long long *out) {
  walk w;
  start(&w, seq, n);
  return prefixes_from(&w, 2, depth, 0, 0, out, 0);
}

/// Best energy over all folds starting with the given moves.
static result complete(const char *seq, int n, int depth, unsigned long long moves) {
  walk w;
  start(&w, seq, n);
  int energy = 0;
  for (int k = 2; k < depth; k++) {
    int d = (int)((moves >> (2 * k)) & 3);
    place(&w, k, w.x[k - 1] + Dx[d], w.y[k - 1] + Dy[d]);
    energy -= contacts_of(&w, k);
  }
  result r = {1, 0};
  search(&w, depth, energy, &r);
  return r;
}

static result solve(const char *seq, int n, int depth) {
  long count = prefixes(seq, n, depth, NULL);
  unsigned long long *work = malloc(count * sizeof *work);
  prefixes(seq, n, depth, work);
  result total = {1, 0};
#pragma omp parallel for schedule(dynamic, 1) reduction(best : total)
  for (long t = 0; t < count; t++) {
    result r = complete(seq, n, depth, work[t]);
    merge(&total, &r);
  }
  free(work);
  return total;
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 20;
  int depth = argc > 2 ? atoi(argv[2]) : 7;
  if (n < 3 || n > MaxLen || depth < 3 || depth > n) {
    fprintf(stderr, "usage: prototein [length 3..64] [split-depth 3..length]\n");
    return 2;
  }
  const char *seq = n == 20 ? Benchmark20 : Sequence;
  double t0 = omp_get_wtime();
  result r = solve(seq, n, depth);
  double elapsed = omp_get_wtime() - t0;
  printf("prototein: %.*s (%d residues): best energy %d, %ld optimal folds (up to symmetry)\n",
         n, seq, n, r.best, r.ways);
  fprintf(stderr, "prototein: search took %.3f s\n", elapsed);
  int ok = 1;
  if (n <= 12) {
    result serial = {1, 0};
    walk w;
    start(&w, seq, n);
    // Serial search without the symmetry split: 8 symmetric copies of every
    // fold that leaves the x axis, 2 of the straight one.
    search(&w, 2, 0, &serial);
    ok = serial.best == r.best;
  }
  if (n == 20)
    ok = ok && r.best == -9;
  if (!ok) {
    printf("verification FAILED\n");
    return 1;
  }
  printf("verification passed\n");
  return 0;
}
