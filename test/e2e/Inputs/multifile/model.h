// A small heat-and-particles model split the way scientific codes are: a
// main unit, a static library (grid.c, physics.c), a shared library
// (stats.c) and an output unit (report.c).
#ifndef MODEL_H
#define MODEL_H

#define NX 256
#define NY 64

// main.c
extern double grid[NX][NY];     // the field, written by helpers by name
extern double *next_grid;       // a global pointer to the heap copy
extern double coefficient;      // set by the master before the loops
extern long updates;            // helpers count their work here
double boundary_value(int i);   // called back from the library

// grid.c (static library)
void relax_row(int i);          // reads grid, writes *next_grid, by name
void copy_back_row(int i);
double row_energy(int i);
int grid_calls(void);           // static state of the unit

// physics.c (static library)
double particle_push(int p, int steps);   // allocates, calls back to main.c
void set_forces(double strength);

// stats.c (shared library, with its own regions and globals)
double lib_sum_field(const double *a, long n);
extern double lib_last_sum;
void lib_scale(double *a, long n, double by);

// report.c
void report(const char *what, double v);
#endif
