#include "model.h"
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

double grid[NX][NY];
double *next_grid;
double coefficient;
long updates;

double boundary_value(int i) { return 1.0 + 0.01 * (i % 7); }

int main(int argc, char **argv) {
  int steps = argc > 1 ? atoi(argv[1]) : 20;
  next_grid = malloc(sizeof(double) * NX * NY);
  coefficient = 0.2;
  set_forces(0.5);
  for (int i = 0; i < NX; i++)
    for (int j = 0; j < NY; j++)
      grid[i][j] = (i * 31 + j * 17) % 101 / 100.0;

  for (int t = 0; t < steps; t++) {   // a region per time step
#pragma omp parallel for schedule(static)
    for (int i = 0; i < NX; i++)
      relax_row(i);
#pragma omp parallel for
    for (int i = 0; i < NX; i++)
      copy_back_row(i);
  }
  double e = 0;
#pragma omp parallel for reduction(+ : e)
  for (int i = 0; i < NX; i++)
    e += row_energy(i);
  report("energy", e);

  double p = 0;
#pragma omp parallel for reduction(+ : p) schedule(dynamic, 3)
  for (int k = 0; k < 96; k++)
    p += particle_push(k, 40);
  report("particles", p);

  double s = lib_sum_field(&grid[0][0], (long)NX * NY);
  report("library sum", s);
  report("library global", lib_last_sum);
  lib_scale(next_grid, (long)NX * NY, 0.5);
  double q = 0;
  for (long k = 0; k < (long)NX * NY; k++)
    q += next_grid[k];
  report("scaled", q);
  report("updates", (double)updates);
  report("grid calls in master", (double)grid_calls());
  free(next_grid);
  return 0;
}
