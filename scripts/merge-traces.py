#!/usr/bin/env python3
"""Joins the traces of one DistOMP job (DISTOMP_TRACE=PREFIX wrote
PREFIX.<rank>.json per process) into PREFIX.json, one timeline for Perfetto
(ui.perfetto.dev) or chrome://tracing, and prints where each process's time
went: the total of each kind of span, longest first.

  python3 scripts/merge-traces.py PREFIX [--top 8]

Timestamps are the host's monotonic clock: processes of one host line up;
those of other hosts are shown as they are.
"""
import argparse
import collections
import glob
import json
import re
import sys


def main():
    p = argparse.ArgumentParser()
    p.add_argument("prefix")
    p.add_argument("--top", type=int, default=8, help="kinds of span listed per process")
    o = p.parse_args()
    files = sorted(glob.glob(glob.escape(o.prefix) + ".*.json"),
                   key=lambda f: int(re.search(r"\.(\d+)\.json$", f).group(1))
                   if re.search(r"\.(\d+)\.json$", f) else 1 << 30)
    files = [f for f in files if re.search(r"\.\d+\.json$", f)]
    if not files:
        sys.exit(f"merge-traces: no {o.prefix}.<rank>.json (was DISTOMP_TRACE={o.prefix} set?)")
    events = []
    for f in files:
        with open(f) as fh:
            try:
                data = json.load(fh)
            except json.JSONDecodeError as e:
                sys.exit(f"merge-traces: {f} is not a whole trace ({e}): did the process end early?")
        rank = data.get("otherData", {}).get("rank", "?")
        dropped = data.get("otherData", {}).get("dropped", 0)
        spans = [e for e in data["traceEvents"] if e.get("ph") == "X"]
        events += data["traceEvents"]
        totals = collections.Counter()
        for e in spans:
            totals[e["name"]] += e["dur"]
        note = f", {dropped} spans dropped past the bound" if dropped else ""
        print(f"rank {rank}: {len(spans)} spans{note}")
        for name, us in totals.most_common(o.top):
            print(f"  {us / 1e6:9.3f} s  {name}")
    out = o.prefix + ".json"
    with open(out, "w") as fh:
        json.dump({"displayTimeUnit": "ms", "traceEvents": events}, fh)
    print(f"merge-traces: {len(files)} process(es) -> {out}")


if __name__ == "__main__":
    main()
