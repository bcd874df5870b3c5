#!/usr/bin/env python3
"""The pattern suite: ordinary OpenMP programs of the shapes real iterative
codes have (bench/patterns/*.c and examples/ising.c), natively and with
DistOMP, side by side in one run.

Each program verifies itself and is built with plain clang -fopenmp and with
distomp-cc. For each, --reps times, interleaved: native on 1 thread, native on
2 threads, DistOMP on 1 and on 2 processes of one thread (the embedded
default, loopback). Every output must equal native's. Prints one table:

  native 1t / 2t   median wall seconds natively on 1 and 2 threads
  1 proc, 2 procs  median wall seconds with DistOMP
  1p / native 1t   goal: within 1.1x
  2p / native 2t   goal: within 1.3x
  moved/min        at 2 processes: data bytes the workers moved (pages
                   fetched x 4 KiB plus the bytes their commits carried)
                   against the minimum the program needs (formulas below;
                   stencils and Ising only); goal within 1.5x
  regions, msgs    at 2 processes: distributed regions the program ran and
                   messages all processes sent

  python3 bench/patterns.py [--reps 3] [--only stencil2d,mesh]
                            [--size mesh="1000 500"] [--procs 1,2]
                            [--baseline-lib OLD/build/lib]
                            [--network gigabit|campus] [--json FILE]

--network runs DistOMP on the emulated cluster instead of loopback
(scripts/emulated-cluster.sh, needs root): P host namespaces for P
processes, the launcher and a standalone coordinator; the seconds are the
program's own, as the script reports them. Native runs P threads on this
machine (with 2 cores, P = 4 oversubscribes both). --json writes the rows
(native and DistOMP seconds, data and wire bytes, messages) for
bench/model.py --patterns.

--baseline-lib also runs the same DistOMP binaries on another build's
runtime (LD_LIBRARY_PATH; the pass ABI must match) at the largest process
count, interleaved with the rest: a before/after column measured in one run.
"""
import argparse
import json
import os
import statistics
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))
from distributed import build  # noqa: E402
from workloads import WORKLOADS, parse_sizes, run, share, traffic  # noqa: E402


def stencil_minimum(face):
    """A band stencil's minimum at p processes: each worker's share of the
    grid in once and home once, and per step its two boundary faces out and
    its two neighbours' faces in (face: cells in one face)."""
    def minimum(a, p):
        n, steps = int(a[0]), int(a[1])
        cells = n ** (3 if face == "plane" else 2)
        per_face = n * n if face == "plane" else n
        return 2 * share(cells, p) * 8 + steps * (p - 1) * 4 * per_face * 8
    return minimum


# name: (source, default arguments, minimum data bytes at p processes or None)
PATTERNS = {
    "stencil2d": ("bench/patterns/stencil2d.c", ["1024", "200"], stencil_minimum("row")),
    "stencil3d": ("bench/patterns/stencil3d.c", ["96", "100"], stencil_minimum("plane")),
    "wavefront": ("bench/patterns/wavefront.c", ["2000"], None),
    "mesh": ("bench/patterns/mesh.c", ["1000", "5000"], None),
    "irregular": ("bench/patterns/irregular.c", ["3000000", "1"], None),
    "histogram": ("bench/patterns/histogram.c", ["100000", "64"], None),
    "atomic-histogram": ("bench/patterns/atomic-histogram.c", ["100000", "64"], None),
    "cg": ("bench/patterns/cg.c", ["256", "1500"], None),
    "ising": ("examples/ising.c", WORKLOADS["ising"][0], WORKLOADS["ising"][1]),
}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--procs", default="1,2")
    p.add_argument("--only", default="", help="comma-separated patterns")
    p.add_argument("--size", action="append", default=[], metavar="NAME=ARGS")
    p.add_argument("--build", default=os.path.join(ROOT, "build"))
    p.add_argument("--baseline-lib", default="", help="another build's runtime, for a before column")
    p.add_argument("--network", default="loopback",
                   help="loopback, or an emulated-cluster preset (gigabit, campus; root only)")
    p.add_argument("--json", default="", help="write the rows here, for bench/model.py --patterns")
    o = p.parse_args()
    if o.network != "loopback" and os.geteuid() != 0:
        sys.exit(f"patterns: --network {o.network} builds network namespaces: run as root")
    if o.network != "loopback" and o.baseline_lib:
        sys.exit("patterns: --baseline-lib runs on loopback only")
    cluster = os.path.join(ROOT, "scripts", "emulated-cluster.sh")
    sizes = parse_sizes(o.size, PATTERNS, "patterns")
    names = o.only.split(",") if o.only else list(PATTERNS)
    for name in names:
        if name not in PATTERNS:
            sys.exit(f"patterns: no pattern {name}; there are {', '.join(PATTERNS)}")
    procs = [int(x) for x in o.procs.split(",")]
    work = os.path.join(o.build, "bench-patterns")
    os.makedirs(work, exist_ok=True)
    rows, records = [], []
    for name in names:
        src, defaults, minimum = PATTERNS[name]
        args = sizes.get(name, defaults)
        native, dist = os.path.join(work, f"{name}-native"), os.path.join(work, f"{name}-distomp")
        build("/usr/lib/llvm-19/bin/clang", os.path.join(ROOT, src), native)
        build(os.path.join(o.build, "bin", "distomp-cc"), os.path.join(ROOT, src), dist)
        times, stats = {}, {}
        for rep in range(o.reps):
            for n in procs:
                env = {k: v for k, v in os.environ.items() if not k.startswith(("OMP_", "DISTOMP_"))}
                t, expected, _ = run([native] + args, dict(env, OMP_NUM_THREADS=str(n),
                                                           OMP_PROC_BIND="false"))
                times.setdefault(("native", n), []).append(t)
                denv = dict(env, DISTOMP_THREADS="1", DISTOMP_STATS="json")
                if o.network == "loopback":
                    cmd = [dist] + args
                    denv["DISTOMP_NUM_PROCS"] = str(n)
                else:
                    cmd = ["bash", cluster, "--hosts", str(n), "--preset", o.network, "--",
                           dist] + args
                    denv["DISTOMP_BIN"] = os.path.join(o.build, "bin")
                t, out, s = run(cmd, denv)
                if out != expected:
                    sys.exit(f"patterns: {name} on {n} process(es): output differs from "
                             f"native:\n{out}--- native:\n{expected}")
                times.setdefault(("distomp", n), []).append(t)
                stats.setdefault(n, []).append(s)
                if o.baseline_lib and n == procs[-1]:
                    t, out, _ = run([dist] + args, dict(env, DISTOMP_NUM_PROCS=str(n),
                                                        DISTOMP_THREADS="1",
                                                        LD_LIBRARY_PATH=o.baseline_lib))
                    if out != expected:
                        sys.exit(f"patterns: {name} on the baseline runtime: output differs")
                    times.setdefault(("baseline", n), []).append(t)
            print(f"patterns: {name}: repetition {rep + 1} of {o.reps} done", file=sys.stderr)
        med = {k: statistics.median(v) for k, v in times.items()}
        top = procs[-1]
        data = statistics.median(traffic(s)[0] for s in stats[top])
        msgs = statistics.median(traffic(s)[2] for s in stats[top])
        regions = statistics.median(
            sum(x.get("regions", 0) for x in s if x["master"]) for s in stats[top])
        need = minimum(args, top) if minimum and top > 1 else 0
        rows.append((name, args, med, data, need, regions, msgs))
        for n in procs:
            per_run = [traffic(x) for x in stats[n]]
            records.append({"pattern": name, "args": args, "network": o.network, "procs": n,
                            "native_s": med[("native", n)], "distomp_s": med[("distomp", n)],
                            "native_1t_s": med.get(("native", 1)),
                            "data_bytes": statistics.median(x[0] for x in per_run),
                            "wire_bytes": statistics.median(x[1] for x in per_run),
                            "messages": statistics.median(x[2] for x in per_run),
                            "master_messages": statistics.median(
                                sum(y["messages_out"] for y in x if y["master"])
                                for x in stats[n]),
                            "min_bytes": minimum(args, n) if minimum and n > 1 else 0})
    if o.json:
        with open(o.json, "w") as f:
            json.dump(records, f, indent=1)
    print(f"\npattern suite: median of {o.reps} runs, wall seconds, {o.network} "
          f"(DistOMP: processes of 1 thread)")
    heads = [f"native {n}t" for n in procs] + [f"{n} proc" for n in procs] + \
        [f"{n}p / native {n}t" for n in procs] + [f"moved/min at {top}p", "regions", "msgs"]
    if o.baseline_lib:
        heads.append(f"{top}p, baseline runtime")
    print("| pattern | " + " | ".join(heads) + " |")
    print("|" + " --- |" * (len(heads) + 1))
    for name, args, med, data, need, regions, msgs in rows:
        cells = [f"{med[('native', n)]:.3f}" for n in procs]
        cells += [f"{med[('distomp', n)]:.3f}" for n in procs]
        cells += [f"{med[('distomp', n)] / med[('native', n)]:.2f}x" for n in procs]
        cells.append(f"{data / need:.2f}x ({data / 1e6:.1f} / {need / 1e6:.1f} MB)" if need
                     else f"- ({data / 1e6:.1f} MB)")
        cells += [f"{regions:.0f}", f"{msgs:.0f}"]
        if o.baseline_lib:
            cells.append(f"{med[('baseline', top)]:.3f}")
        print(f"| {name} {' '.join(args)} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
