#include "model.h"
#include <stdlib.h>
#include <string.h>

static double forces[16];

void set_forces(double strength) {
  for (int k = 0; k < 16; k++)
    forces[k] = strength * (k + 1) / 16.0;
}

double particle_push(int p, int steps) {
  double *path = malloc(sizeof(double) * (steps + 1));   // allocates
  memset(path, 0, sizeof(double) * (steps + 1));
  path[0] = boundary_value(p);                            // calls back to main.c
  for (int s = 1; s <= steps; s++)
    path[s] = path[s - 1] * 0.99 + forces[(p + s) % 16] * 0.01;
  double end = path[steps];
  free(path);
  return end;
}
