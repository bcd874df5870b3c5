#!/usr/bin/env python3
"""Side-by-side timings of one program natively and with DistOMP.

Runs the program natively with 1 and 2 threads and with DistOMP on 1 and 2
processes (the embedded default), --reps times each, interleaved, and prints
the median wall time of the whole run, the speedup against one process and
the ratio against native OpenMP at equal parallelism. Outputs must match.

  python3 bench/distributed.py [--reps 5] [--procs 1,2] [--src bench/options.c] [-- ARGS]
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
    counts = [int(n) for n in o.procs.split(",")]
    times = {(kind, n): [] for kind in ("native", "distomp") for n in counts}
    outputs = set()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OMP_", "DISTOMP_"))}
    for _ in range(o.reps):
        for n in counts:
            t, out = timed([native, *args], dict(env, OMP_NUM_THREADS=str(n)))
            times[("native", n)].append(t)
            outputs.add(out)
            t, out = timed([dist, *args], dict(env, DISTOMP_NUM_PROCS=str(n)))
            times[("distomp", n)].append(t)
            outputs.add(out)
    if len(outputs) != 1:
        sys.exit(f"outputs differ: {outputs}")
    med = {key: statistics.median(v) for key, v in times.items()}
    base = med[("distomp", counts[0])]
    print(f"{os.path.basename(o.src)} {' '.join(args)}: median of {o.reps} runs, wall seconds")
    print("| team | native | DistOMP | speedup vs 1 process | DistOMP / native |")
    print("| --- | --- | --- | --- | --- |")
    for n in counts:
        nat, d = med[("native", n)], med[("distomp", n)]
        print(f"| {n} | {nat:.3f} | {d:.3f} | {base / d:.2f}x | {d / nat:.2f}x |")


if __name__ == "__main__":
    main()
