#!/usr/bin/env python3
"""Side-by-side timings of one program natively and with DistOMP.

Runs the program natively with 1 and 2 threads and with DistOMP on 1 and 2
processes (the embedded default), --reps times each, interleaved, and prints
the median wall time of the whole run, the speedup against one process and
the ratio against native OpenMP at equal parallelism. Outputs must match.
--layouts PxT,... runs DistOMP as P processes of T threads each (native:
P*T threads) instead.

  python3 bench/distributed.py [--reps 5] [--procs 1,2 | --layouts 1x1,2x1,1x2]
                               [--src bench/options.c] [-- ARGS]
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def build(cc, src, out):
    subprocess.run([cc, "-O2", "-fopenmp", src, "-o", out, "-lm"], check=True)


def timed(cmd, env):
    start = time.perf_counter()
    r = subprocess.run(cmd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if r.returncode:
        sys.exit(f"{' '.join(cmd)} failed:\n{r.stderr}")
    return elapsed, r.stdout


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--reps", type=int, default=5)
    p.add_argument("--procs", default="1,2")
    p.add_argument("--layouts", default="", help="PxT,...: P processes of T threads")
    p.add_argument("--src", default=os.path.join(ROOT, "bench", "options.c"))
    p.add_argument("--build", default=os.path.join(ROOT, "build"))
    p.add_argument("args", nargs=argparse.REMAINDER)
    o = p.parse_args()
    args = [a for a in o.args if a != "--"]
    work = os.path.join(o.build, "bench-distributed")
    os.makedirs(work, exist_ok=True)
    native, dist = os.path.join(work, "native"), os.path.join(work, "distomp")
    build("/usr/lib/llvm-19/bin/clang", o.src, native)
    build(os.path.join(o.build, "bin", "distomp-cc"), o.src, dist)
    if o.layouts:
        counts = [tuple(int(x) for x in l.split("x")) for l in o.layouts.split(",")]
    else:
        counts = [(int(n), 1) for n in o.procs.split(",")]
    times = {(kind, n): [] for kind in ("native", "distomp") for n in counts}
    outputs = set()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OMP_", "DISTOMP_"))}
    for _ in range(o.reps):
        for n in counts:
            procs, threads = n
            t, out = timed([native, *args], dict(env, OMP_NUM_THREADS=str(procs * threads)))
            times[("native", n)].append(t)
            outputs.add(out)
            t, out = timed([dist, *args], dict(env, DISTOMP_NUM_PROCS=str(procs),
                                               DISTOMP_THREADS=str(threads)))
            times[("distomp", n)].append(t)
            outputs.add(out)
    if len(outputs) != 1:
        sys.exit(f"outputs differ: {outputs}")
    med = {key: statistics.median(v) for key, v in times.items()}
    base = med[("distomp", counts[0])]
    print(f"{os.path.basename(o.src)} {' '.join(args)}: median of {o.reps} runs, wall seconds")
    print("| processes x threads | native (same team) | DistOMP | speedup vs first row | "
          "DistOMP / native |")
    print("| --- | --- | --- | --- | --- |")
    for n in counts:
        nat, d = med[("native", n)], med[("distomp", n)]
        print(f"| {n[0]} x {n[1]} | {nat:.3f} | {d:.3f} | {base / d:.2f}x | {d / nat:.2f}x |")


if __name__ == "__main__":
    main()
