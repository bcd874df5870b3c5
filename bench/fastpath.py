#!/usr/bin/env python3
"""Fast-path cost of instrumented accesses: fastpath.c built natively and with
distomp-cc, run alternately REPS times, median ns per access and the ratio.

  bench/fastpath.py [--reps 5]
"""
import argparse, os, statistics, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(exe):
    env = dict(os.environ, OMP_NUM_THREADS="1")
    out = subprocess.run([exe], capture_output=True, text=True, env=env).stdout
    return {line.split()[0]: float(line.split()[1]) for line in out.splitlines()}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--reps", type=int, default=5)
    p.add_argument("--build", default=os.path.join(ROOT, "build"))
    o = p.parse_args()
    src = os.path.join(ROOT, "bench", "fastpath.c")
    with tempfile.TemporaryDirectory() as d:
        native, dist = os.path.join(d, "native"), os.path.join(d, "distomp")
        for cmd in (["/usr/lib/llvm-19/bin/clang", "-O2", "-fopenmp", src, "-o", native],
                    [os.path.join(o.build, "bin", "distomp-cc"), "-O2", "-fopenmp", src, "-o", dist]):
            r = subprocess.run(cmd, capture_output=True, text=True)
            if r.returncode:
                sys.exit(f"build failed: {' '.join(cmd)}\n{r.stderr}")
        n_runs, d_runs = [], []
        for _ in range(o.reps):
            n_runs.append(run(native))
            d_runs.append(run(dist))
    print(f"{'kernel':<14} {'native':>10} {'distomp':>10} {'ratio':>6}")
    for k in n_runs[0]:
        n = statistics.median(r[k] for r in n_runs)
        t = statistics.median(r[k] for r in d_runs)
        print(f"{k:<14} {n:>8.3f}ns {t:>8.3f}ns {t / n:>5.2f}x")


if __name__ == "__main__":
    main()
