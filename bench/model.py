#!/usr/bin/env python3
"""What the measured costs predict for the seed workloads on 16 and 64 nodes.

Reads bench/workloads.py's JSON (--json) for each workload's native serial
time, DistOMP's one-process time and the wire bytes its worker moved at 2
processes, and combines them with the runtime's measured unit costs (the
micro-benchmarks and fetch_and_grants, docs/benchmarks.md) into a bound per
resource. The run time at P nodes is the largest of:

  compute      DistOMP's 1-process time over P (the busiest process's share
               of equal chunks: ceil(chunks / P) / chunks), plus its share of
               chunk round trips (chunks / P x (software round trip + the
               link's round trip))
  coordinator  every chunk grant and barrier arrival through its one thread
  home         every byte the workers fetch or commit through the master's
               home thread
  link         the same bytes through the master's one network link

and the first of the last three to exceed the compute bound saturates first.
Efficiency is native serial time / (P x predicted time).

  python3 bench/model.py [--round-trip-us 80] [--home-mbps 560] RESULTS.json...
  python3 bench/model.py --patterns PATTERNS.json...

--patterns reads bench/patterns.py --json rows instead (the pattern suite
at 1, 2 and 4 processes on one network): the bytes through the master and
the messages at P nodes are extrapolated in a line from those at 2 and 4
(every worker's fetches and commits go to the master's home), compute is
the one-process time over P, and each synchronization the master takes
part in (its messages) adds a round trip of the preset's link, which the
emulation here does not delay (no netem).

The unit costs default to the development machine's; --round-trip-us and
--home-mbps take another machine's (BM_ChunkGrantRoundTrip, BM_PageFetch/16).
"""
import argparse
import json
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from workloads import WORKLOADS, prototein_tasks  # noqa: E402  (the examples' sizes)

# Unit costs measured on the development machine (docs/benchmarks.md).
GRANT_CPU_S = 1 / 57000      # coordinator time per grant (fetch_and_grants)
ROUND_TRIP_S = 80e-6         # software round trip, loopback (BM_ChunkGrantRoundTrip)
HOME_BYTES_PER_S = 560e6     # pages served by one home (BM_PageFetch/16)
PRESETS = {"gigabit": (1e9 / 8, 2 * 0.1e-3), "campus": (100e6 / 8, 2 * 1e-3)}  # rate, RTT


def chunks(workload, args, p):
    """Chunks and barrier arrivals per run, from the examples' loops: static
    loops run one chunk per process; ising has 2 x SWEEPS colour loops and
    a measurement loop; prototein hands out one task per partial fold of
    DEPTH residues; factorize runs chunks of 4 numbers."""
    if workload == "blackscholes":
        return p
    if workload == "ising":
        return (2 * int(args[1]) + 1) * p
    if workload == "prototein":
        return prototein_tasks(int(args[1]))
    return math.ceil(int(args[0]) / 4)


def predict(row1, row2, preset, p):
    rate, rtt = PRESETS[preset]
    name = row1["workload"]
    # The wire bytes at 2 processes are the workers' half; P - 1 workers of P
    # move (P - 1) / P of the whole.
    total_bytes = row2["wire_bytes"] * 2 * (p - 1) / p
    g = chunks(name, row1.get("args") or WORKLOADS[name][0], p)
    bounds = {
        # Chunks are equal here; the busiest process runs ceil(g / P) of them.
        "compute": row1["distomp_s"] * math.ceil(g / p) / g + g / p * (ROUND_TRIP_S + rtt),
        "coordinator": g * GRANT_CPU_S,
        "home": total_bytes / HOME_BYTES_PER_S,
        "link": total_bytes / rate,
    }
    limit = max(bounds, key=bounds.get)
    t = bounds[limit]
    return t, row1["native_s"] / (p * t), limit


def at_nodes(rows, key, p):
    """rows[2][key] and rows[4][key] continued in a line to p processes."""
    two, four = rows[2][key], rows[4][key]
    return max(0.0, two + (four - two) / 2 * (p - 2))


def predict_pattern(rows, preset, p):
    """rows: one pattern's rows of one network, by process count."""
    rate, rtt = PRESETS[preset]
    wire = at_nodes(rows, "wire_bytes", p)
    syncs = rows[2]["master_messages"]
    bounds = {
        "compute": rows[1]["distomp_s"] / p + syncs * (ROUND_TRIP_S + rtt),
        "coordinator": at_nodes(rows, "messages", p) * GRANT_CPU_S,
        "home": wire / HOME_BYTES_PER_S,
        "link": wire / rate,
    }
    limit = max(bounds, key=bounds.get)
    t = bounds[limit]
    return t, rows[1]["native_1t_s"] / (p * t), limit


def main_patterns(paths):
    rows = [r for path in paths for r in json.load(open(path))]
    by = {}
    for r in rows:
        by.setdefault((r["pattern"], r["network"]), {})[r["procs"]] = r
    print("| pattern | measured on | preset | nodes | predicted time | native 1t | efficiency "
          "| saturates first |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for (name, net), at in by.items():
        if not all(n in at for n in (1, 2, 4)):
            print(f"model: {name} on {net}: needs rows at 1, 2 and 4 processes", file=sys.stderr)
            continue
        for preset in PRESETS:
            if net != "loopback" and net != preset:
                continue
            for p in (16, 64):
                t, eff, limit = predict_pattern(at, preset, p)
                print(f"| {name} | {net} | {preset} | {p} | {t:.3f} s | "
                      f"{at[1]['native_1t_s']:.3f} s | {eff:.0%} | {limit} |")


def main():
    global ROUND_TRIP_S, HOME_BYTES_PER_S
    a = argparse.ArgumentParser()
    a.add_argument("--round-trip-us", type=float, default=ROUND_TRIP_S * 1e6)
    a.add_argument("--home-mbps", type=float, default=HOME_BYTES_PER_S / 1e6)
    a.add_argument("--patterns", action="store_true",
                   help="the results are bench/patterns.py --json rows")
    a.add_argument("results", nargs="+")
    o = a.parse_args()
    ROUND_TRIP_S, HOME_BYTES_PER_S = o.round_trip_us * 1e-6, o.home_mbps * 1e6
    if o.patterns:
        main_patterns(o.results)
        return
    rows = [r for path in o.results for r in json.load(open(path))]
    by = {(r["workload"], r["network"], r["procs"]): r for r in rows}
    print("| workload | preset | nodes | predicted time | efficiency | saturates first |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name in dict.fromkeys(r["workload"] for r in rows):
        row1, row2 = by.get((name, "loopback", 1)), by.get((name, "loopback", 2))
        if not row1 or not row2:
            continue
        for preset in PRESETS:
            for p in (16, 64):
                t, eff, limit = predict(row1, row2, preset, p)
                print(f"| {name} | {preset} | {p} | {t:.3f} s | {eff:.0%} | {limit} |")


if __name__ == "__main__":
    main()
