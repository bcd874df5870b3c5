#!/usr/bin/env python3
"""The seed workloads side by side: native OpenMP against DistOMP.

Builds each example (examples/*.c) with clang -fopenmp and with distomp-cc,
then runs, interleaved, --reps times each:
  - natively with P threads, for each P in --procs;
  - with DistOMP on P processes of one thread, on loopback (the embedded
    default), and on each emulated-cluster preset in --presets
    (scripts/emulated-cluster.sh: P hosts, needs root).
Every run's output must match native's (and the example verifies itself).
Prints one table per workload, medians of wall time:

  time        median wall seconds of the whole program
  speedup     against DistOMP on 1 process (same network)
  efficiency  speedup / processes
  vs native   DistOMP time / native time at the same parallelism
  moved/min   data bytes the workers moved (pages fetched x 4 KiB, plus the
              bytes their commits carried home) against the minimum the
              program needs: each input byte to each process that reads it
              once, each output byte home once (formulas below)
  wire        all bytes the workers sent and received, messages included
  msgs/chunk  messages the processes sent per chunk run (requests for chunks,
              pages, commits, barriers, heartbeats; each request has one reply)

and writes the medians as JSON (--json), and, with --plot, the speedup
and the parallel efficiency against processes as an SVG made by gnuplot
(bench/plot.gnuplot).

  python3 bench/workloads.py [--reps 5] [--procs 1,2] [--presets gigabit,campus]
                             [--only blackscholes,ising] [--size ising="2048 100"]
                             [--json FILE] [--plot FILE.svg] [--no-build]
  python3 bench/workloads.py --replot FILE.json --plot FILE.svg

--no-build runs programs built earlier, on a machine without the compilers:
scripts/pack-bench.sh packs them with the runtime and the libraries they
load, and says how to run them there.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))
from distributed import build  # noqa: E402  (one way to build a benchmark)


def prototein_tasks(depth):
    """Partial folds of `depth` residues examples/prototein.c hands out:
    self-avoiding walks from two fixed residues, going up before down."""
    def count(cells, x, y, k, turned):
        if k == depth:
            return 1
        total = 0
        for d, (dx, dy) in enumerate(((1, 0), (0, 1), (-1, 0), (0, -1))):
            if (not turned and d == 3) or (x + dx, y + dy) in cells:
                continue
            total += count(cells | {(x + dx, y + dy)}, x + dx, y + dy, k + 1, turned or d == 1)
        return total
    return count({(0, 0), (1, 0)}, 1, 0, 2, False)


def share(n, p):
    """The workers' share of n items split evenly over p processes."""
    return n * (p - 1) / p


# name: (default arguments, minimum data bytes the workers need for those
# arguments at p processes).
# blackscholes N: each option (5 doubles in, call and put out) once.
# ising L SWEEPS: the workers' rows in once, per half-sweep each worker's two
#   halo rows in (its neighbours changed them), the final lattice's rows home
#   once and the halo once more for the measurement (the master needs no
#   intermediate state).
# prototein LENGTH DEPTH: the work list (8 bytes a task) in, one result
#   (8 bytes) home per process.
# factorize COUNT: each number in (8 bytes) and its factor out (8 bytes) once.
WORKLOADS = {
    "blackscholes": (["200000", "100"], lambda a, p: share(int(a[0]), p) * (40 + 16)),
    "ising": (["1024", "100"],
              lambda a, p: 2 * share(int(a[0]) ** 2, p)
              + (2 * int(a[1]) + 1) * (p - 1) * 2 * int(a[0])),
    "prototein": (["20", "7"],
                  lambda a, p: share(prototein_tasks(int(a[1])), p) * 8 + (p - 1) * 8),
    "factorize": (["8000", "56"], lambda a, p: share(int(a[0]), p) * 16),
}


def parse_sizes(items, table, tool):
    """--size NAME=ARGS items as {name: [args]}, NAME one of table's."""
    sizes = {}
    for item in items:
        name, _, text = item.partition("=")
        if name not in table or not text.split():
            sys.exit(f"{tool}: --size {item}: expected NAME=ARGS, NAME one of "
                     f"{', '.join(table)}")
        sizes[name] = text.split()
    return sizes


def run(cmd, env):
    """Wall seconds, output and per-process statistics of one run. On the
    emulated cluster the seconds are the program's alone, as the script
    reports them: building and removing the namespaces is no part of it."""
    start = time.perf_counter()
    r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900)
    elapsed = time.perf_counter() - start
    if r.returncode:
        sys.exit(f"{' '.join(cmd)} failed ({r.returncode}):\n{r.stderr[-3000:]}")
    ran = [line for line in r.stderr.splitlines()
           if line.startswith("emulated-cluster: the program ran ")]
    if ran:
        elapsed = float(ran[-1].split()[-2])
    stats = [json.loads(line.split("stats-json: ", 1)[1])
             for line in r.stderr.splitlines() if "stats-json: " in line]
    return elapsed, r.stdout, stats


def traffic(stats):
    """Data bytes and wire bytes the workers moved; messages the processes
    sent and the chunks they ran."""
    workers = [s for s in stats if not s["master"]]
    data = sum(s["pages_fetched"] * 4096 + s["diff_bytes"] for s in workers)
    wire = sum(s["bytes_in"] + s["bytes_out"] for s in workers)
    messages = sum(s["messages_out"] for s in stats)
    chunks = sum(s["chunks"] for s in stats)
    return data, wire, messages, chunks


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--reps", type=int, default=5)
    p.add_argument("--procs", default="1,2")
    p.add_argument("--presets", default="gigabit,campus",
                   help="emulated-cluster presets to run too (root only); empty for none")
    p.add_argument("--only", default="", help="comma-separated workloads")
    p.add_argument("--build", default=os.path.join(ROOT, "build"))
    p.add_argument("--json", default="", help="write the medians here")
    p.add_argument("--plot", default="", help="draw speedup and efficiency here (SVG)")
    p.add_argument("--size", action="append", default=[], metavar="NAME=ARGS",
                   help="run workload NAME with ARGS instead of its default size")
    p.add_argument("--no-build", action="store_true",
                   help="run the programs already in BUILD/bench-workloads (a machine "
                        "without the compilers: see scripts/pack-bench.sh)")
    p.add_argument("--build-only", action="store_true",
                   help="build the programs into BUILD/bench-workloads and stop")
    p.add_argument("--replot", default="", metavar="JSON",
                   help="only draw --plot from the medians an earlier run wrote")
    o = p.parse_args()
    if o.replot:
        with open(o.replot) as f:
            work = os.path.join(o.build, "bench-workloads")
            os.makedirs(work, exist_ok=True)
            plot(json.load(f), o.plot, work)
        return
    sizes = parse_sizes(o.size, WORKLOADS, "workloads")
    procs = [int(x) for x in o.procs.split(",")]
    names = o.only.split(",") if o.only else list(WORKLOADS)
    presets = [x for x in o.presets.split(",") if x]
    if presets and os.geteuid() != 0:
        print(f"workloads: not root: the emulated-cluster presets ({', '.join(presets)}) are "
              "left out", file=sys.stderr)
        presets = []
    networks = ["loopback"] + presets
    work = os.path.join(o.build, "bench-workloads")
    os.makedirs(work, exist_ok=True)
    cluster = os.path.join(ROOT, "scripts", "emulated-cluster.sh")
    results = []
    for name in names:
        defaults, minimum = WORKLOADS[name]
        args = sizes.get(name, defaults)
        src = os.path.join(ROOT, "examples", f"{name}.c")
        native, dist = os.path.join(work, f"{name}-native"), os.path.join(work, f"{name}-distomp")
        if not o.no_build:
            build("/usr/lib/llvm-19/bin/clang", src, native)
            build(os.path.join(o.build, "bin", "distomp-cc"), src, dist)
        elif not (os.access(native, os.X_OK) and os.access(dist, os.X_OK)):
            sys.exit(f"workloads: --no-build: {native} or {dist} is missing")
        if o.build_only:
            continue
        runs = {}  # (kind, network, p) -> [(time, stats)]
        expected = {}
        for rep in range(o.reps):
            for n in procs:
                env = dict(os.environ, OMP_NUM_THREADS=str(n), OMP_PROC_BIND="false")
                t, out, _ = run([native] + args, env)
                expected[n] = out
                runs.setdefault(("native", "", n), []).append((t, []))
                for net in networks:
                    env = dict(os.environ, DISTOMP_STATS="json", DISTOMP_THREADS="1")
                    if net == "loopback":
                        env["DISTOMP_NUM_PROCS"] = str(n)
                        cmd = [dist] + args
                    else:
                        cmd = ["bash", cluster, "--hosts", str(n), "--preset", net, "--", dist] + args
                        env["DISTOMP_BIN"] = os.path.join(o.build, "bin")
                    t, out, stats = run(cmd, env)
                    if out != expected[n]:
                        sys.exit(f"{name} on {n} process(es), {net}: output differs from native:\n"
                                 f"{out}\n--- native:\n{expected[n]}")
                    runs.setdefault(("distomp", net, n), []).append((t, stats))
            print(f"workloads: {name}: repetition {rep + 1} of {o.reps} done", file=sys.stderr)

        def median_time(key):
            return statistics.median(t for t, _ in runs[key])

        print(f"\n{name} {' '.join(args)} (median of {o.reps}, seconds)")
        print("| network | processes | native | DistOMP | speedup vs 1 | efficiency | vs native "
              "| moved/min | wire | msgs/chunk |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        for net in networks:
            base = median_time(("distomp", net, procs[0])) if procs[0] == 1 else None
            for n in procs:
                tn, td = median_time(("native", "", n)), median_time(("distomp", net, n))
                samples = [traffic(s) for _, s in runs[("distomp", net, n)]]
                data = statistics.median(x[0] for x in samples)
                wire = statistics.median(x[1] for x in samples)
                msgs = statistics.median(x[2] / x[3] if x[3] else 0 for x in samples)
                need = minimum(args, n)
                ratio = f"{data / need:.2f}x" if need else "-"
                speedup = f"{base / td:.2f}x" if base else "-"
                efficiency = f"{100 * base / td / n:.0f}%" if base else "-"
                print(f"| {net} | {n} | {tn:.3f} | {td:.3f} | {speedup} | {efficiency} | "
                      f"{td / tn:.2f}x | "
                      f"{ratio} ({data / 1e6:.2f} / {need / 1e6:.2f} MB) | {wire / 1e6:.2f} MB | "
                      f"{msgs:.1f} |")
                results.append({"workload": name, "args": args, "network": net, "procs": n,
                                "native_s": tn,
                                "distomp_s": td, "speedup": base / td if base else None,
                                "data_bytes": data, "min_bytes": need, "wire_bytes": wire,
                                "messages_per_chunk": msgs})
    if o.build_only:
        return
    if o.json:
        with open(o.json, "w") as f:
            json.dump(results, f, indent=1)
    if o.plot:
        plot(results, o.plot, work)


def plot(results, svg, work):
    """One data file per workload and network (processes, speedup,
    efficiency), drawn by bench/plot.gnuplot."""
    series = []
    for r in results:
        if r["speedup"] is None:
            continue
        label = f"{r['workload']} ({r['network']})"
        if not series or series[-1][0] != label:
            series.append((label, []))
        series[-1][1].append((r["procs"], r["speedup"], r["speedup"] / r["procs"]))
    files = []
    for i, (label, points) in enumerate(series):
        path = os.path.join(work, f"series{i}.dat")
        with open(path, "w") as f:
            f.writelines(f"{p} {s:.4f} {e:.4f}\n" for p, s, e in points)
        files.append(f"{path}\t{label}")
    listing = os.path.join(work, "series.txt")
    with open(listing, "w") as f:
        f.write("\n".join(files) + "\n")
    maxp = max(r["procs"] for r in results)
    subprocess.run(["gnuplot", "-e", f"series='{listing}'; out='{svg}'; maxp={maxp}",
                    os.path.join(ROOT, "bench", "plot.gnuplot")], check=True)
    print(f"workloads: plot written to {svg}", file=sys.stderr)


if __name__ == "__main__":
    main()
