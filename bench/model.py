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

  python3 bench/model.py build/bench-workloads/results.json
"""
import json
import math
import sys

# Unit costs measured on the development machine (docs/benchmarks.md).
GRANT_CPU_S = 1 / 57000      # coordinator time per grant (fetch_and_grants)
ROUND_TRIP_S = 80e-6         # software round trip, loopback (BM_ChunkGrantRoundTrip)
HOME_BYTES_PER_S = 560e6     # pages served by one home (BM_PageFetch/16)
PRESETS = {"gigabit": (1e9 / 8, 2 * 0.1e-3), "campus": (100e6 / 8, 2 * 1e-3)}  # rate, RTT

# Chunks and barrier arrivals per process per run, from the examples' loops:
# static loops run one chunk per process; ising has 2 x 100 colour loops and a
# measurement loop; prototein hands out 98 tasks, factorize 8000 / 4 chunks.
def chunks(workload, p):
    return {"blackscholes": p, "ising": 201 * p, "prototein": 98, "factorize": 2000}[workload]


def predict(row1, row2, preset, p):
    rate, rtt = PRESETS[preset]
    name = row1["workload"]
    # The wire bytes at 2 processes are the workers' half; P - 1 workers of P
    # move (P - 1) / P of the whole.
    total_bytes = row2["wire_bytes"] * 2 * (p - 1) / p
    g = chunks(name, p)
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


def main():
    rows = json.load(open(sys.argv[1]))
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
