#!/usr/bin/env python3
"""Compile time with the DistOMP plugin against plain clang, side by side.

Generates a large OpenMP C file (many kernels of the shapes scientific codes
have: stencils, reductions, gathers, helpers called from loop bodies, atomics,
several schedules), compiles it with `clang -fopenmp` and with `distomp-cc`
alternately, REPS times each at each -O level, and prints the median times and
their ratio. Times are CPU seconds (user + system) of the compilers.

  bench/compile_time.py [--kernels N] [--reps R] [--levels -O0,-O2] [--library]

--library generates a library unit instead: N external helper functions
and no parallel region, the shape of a unit other units' regions call into
(every helper that names a global gets a registered instrumented clone;
--no-globals leaves the global out, and the helpers are their own versions).
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

KERNELS = [
    # stencil over globals
    """
static double grid{i}[512][512], next{i}[512][512];
void stencil{i}(int steps) {{
  for (int s = 0; s < steps; s++) {{
#pragma omp parallel for schedule(static)
    for (int y = 1; y < 511; y++)
      for (int x = 1; x < 511; x++)
        next{i}[y][x] = 0.25 * (grid{i}[y-1][x] + grid{i}[y+1][x] + grid{i}[y][x-1] + grid{i}[y][x+1]);
#pragma omp parallel for
    for (int y = 0; y < 512; y++)
      for (int x = 0; x < 512; x++)
        grid{i}[y][x] = next{i}[y][x];
  }}
}}""",
    # reduction over heap data with a helper
    """
static double weight{i}(double v, int k) {{ return v * (k % 7) + 1.0 / (1.0 + v * v); }}
double reduce{i}(const double *a, int n) {{
  double s = 0, m = -1e300;
#pragma omp parallel for reduction(+:s) reduction(max:m) schedule(dynamic, 64)
  for (int k = 0; k < n; k++) {{
    double w = weight{i}(a[k], k);
    s += w;
    if (w > m) m = w;
  }}
  return s + m;
}}""",
    # gather / scatter with an index array and atomics
    """
void histogram{i}(const int *idx, const float *val, int n, float *bins, int *counts) {{
#pragma omp parallel for schedule(guided)
  for (int k = 0; k < n; k++) {{
    int b = idx[k] & 1023;
#pragma omp atomic
    bins[b] += val[k];
#pragma omp atomic
    counts[b]++;
  }}
}}""",
    # structs and pointer chasing
    """
struct particle{i} {{ double x, y, z, vx, vy, vz; struct particle{i} *partner; }};
void step{i}(struct particle{i} *p, int n, double dt) {{
#pragma omp parallel for
  for (int k = 0; k < n; k++) {{
    struct particle{i} *q = p[k].partner;
    double dx = q->x - p[k].x, dy = q->y - p[k].y, dz = q->z - p[k].z;
    double r2 = dx*dx + dy*dy + dz*dz + 1e-9;
    p[k].vx += dt * dx / r2; p[k].vy += dt * dy / r2; p[k].vz += dt * dz / r2;
  }}
#pragma omp parallel for
  for (int k = 0; k < n; k++) {{
    p[k].x += dt * p[k].vx; p[k].y += dt * p[k].vy; p[k].z += dt * p[k].vz;
  }}
}}""",
    # matrix multiply with collapse and a critical section
    """
double matmul{i}(const double *A, const double *B, double *C, int n) {{
  double trace = 0;
#pragma omp parallel for collapse(2)
  for (int r = 0; r < n; r++)
    for (int c = 0; c < n; c++) {{
      double s = 0;
      for (int k = 0; k < n; k++) s += A[r*n+k] * B[k*n+c];
      C[r*n+c] = s;
    }}
#pragma omp parallel for
  for (int r = 0; r < n; r++) {{
#pragma omp critical
    trace += C[r*n+r];
  }}
  return trace;
}}""",
]


LIBRARY_HELPER = """
double helper{i}(double *a, const double *b, int n) {{
  double s = 0;
  for (int k = 0; k < n; k++) {{
    a[k] = a[k] * {i}.5 + b[k]{scale};
    s += sqrt(a[k] * a[k] + 1.0);
  }}{accumulate}
  return s;
}}"""


def generate_library(path, helpers, globals_too):
    with open(path, "w") as f:
        f.write("#include <math.h>\n")
        if globals_too:
            f.write("double g[1024];\n")
        for i in range(helpers):
            f.write(LIBRARY_HELPER.format(
                i=i, scale=" * g[k % 1024]" if globals_too else "",
                accumulate=f"\n  g[{i} % 1024] += s;" if globals_too else ""))
            f.write("\n")


def generate(path, kernels):
    with open(path, "w") as f:
        f.write("#include <math.h>\n#include <stdlib.h>\n#include <omp.h>\n")
        for i in range(kernels):
            f.write(KERNELS[i % len(KERNELS)].format(i=i))
            f.write("\n")


def time_compile(cmd):
    """CPU time (user + system) of the compiler and its children: steadier
    than wall time on a shared machine, and what a build pays."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    r = subprocess.run(cmd, capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode != 0:
        sys.exit(f"compile failed: {' '.join(cmd)}\n{r.stderr}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--kernels", type=int, default=400)
    p.add_argument("--reps", type=int, default=7)
    p.add_argument("--levels", default="-O0,-O2")
    p.add_argument("--build", default=os.path.join(ROOT, "build"))
    p.add_argument("--library", action="store_true")
    p.add_argument("--no-globals", action="store_true")
    o = p.parse_args()
    clang = "/usr/lib/llvm-19/bin/clang"
    wrapper = os.path.join(o.build, "bin", "distomp-cc")
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "large.c")
        if o.library:
            generate_library(src, o.kernels, not o.no_globals)
        else:
            generate(src, o.kernels)
        lines = sum(1 for _ in open(src))
        regions = open(src).read().count("#pragma omp parallel")
        what = "library helpers" if o.library else "kernels"
        print(f"source: {o.kernels} {what}, {lines} lines, {regions} parallel regions")
        print(f"{'level':<6} {'clang -fopenmp':>15} {'distomp-cc':>11} {'ratio':>6}  per-pair ratios")
        for level in o.levels.split(","):
            native, dist = [], []
            for _ in range(o.reps):  # alternate, so drift hits both alike
                native.append(time_compile([clang, level, "-fopenmp", "-c", src, "-o", os.path.join(d, "n.o")]))
                dist.append(time_compile([wrapper, level, "-fopenmp", "-c", src, "-o", os.path.join(d, "d.o")]))
            # The ratio is the median over back-to-back pairs: a shared
            # machine's slow spells then hit both sides of a pair alike.
            ratios = sorted(t / n for n, t in zip(native, dist))
            n, t = statistics.median(native), statistics.median(dist)
            print(f"{level:<6} {n:>14.2f}s {t:>10.2f}s {statistics.median(ratios):>5.2f}x  "
                  + " ".join(f"{r:.2f}" for r in ratios))


if __name__ == "__main__":
    main()
