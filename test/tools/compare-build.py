#!/usr/bin/env python3
"""Builds a multi-file program with its own build system natively and with
DistOMP, runs both at several team sizes, and compares their output.

The program's Makefile (or CMakeLists.txt) is driven the way a user drives it:
CC=clang for the native build, CC=distomp-cc for the DistOMP one (CMake:
CMAKE_C_COMPILER). Each DistOMP run prints DISTOMP_STATS=json; every process
must have run iterations and none may have died. --mixed UNIT compiles one
unit with plain clang in the DistOMP build too: the run must still print the
native output, and the regions that reach it must say they run locally.

Usage: compare-build.py --bindir B --llvm-bindir L --workdir W --src DIR
                        [--cmake] [--mixed] [--cflags F] [--procs 1,2,4] [-- ARGS]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import killable  # noqa: E402


def fail(msg):
    print(f"compare-build: FAIL: {msg}", file=sys.stderr)
    sys.exit(1)


def run(cmd, env=None, cwd=None, timeout=180):
    try:
        return killable.run(cmd, env=env, cwd=cwd, timeout=timeout)
    except subprocess.TimeoutExpired:
        fail(f"timed out after {timeout}s: {' '.join(cmd)}")


def build(o, cc, out, plain_cc):
    os.makedirs(out)
    env = dict(os.environ)
    if o.cmake:
        r = run(["cmake", "-S", o.src, "-B", out, "-G", "Ninja", f"-DCMAKE_C_COMPILER={cc}",
                 f"-DCMAKE_C_FLAGS={o.cflags}", f"-DPLAIN_CC={plain_cc}",
                 f"-DCMAKE_AR={os.path.join(o.llvm_bindir, 'llvm-ar')}"], env=env)
        if r.returncode == 0:
            r = run(["cmake", "--build", out], env=env)
    else:
        r = run(["make", "-f", os.path.join(o.src, "Makefile"), f"SRC={o.src}", f"CC={cc}",
                 f"PLAIN_CC={plain_cc}", f"CFLAGS={o.cflags}",
                 f"AR={os.path.join(o.llvm_bindir, 'llvm-ar')}"], env=env, cwd=out)
    if r.returncode != 0:
        fail(f"build with {cc} failed:\n{r.stdout}\n{r.stderr}")
    return r.stdout + r.stderr


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bindir", required=True)
    p.add_argument("--llvm-bindir", required=True)
    p.add_argument("--workdir", required=True)
    p.add_argument("--src", required=True)
    p.add_argument("--cmake", action="store_true")
    p.add_argument("--mixed", action="store_true",
                   help="PLAIN_CC=clang for the units the build system marks plain")
    p.add_argument("--cflags", default="-O2")
    p.add_argument("--procs", default="1,2,4")
    p.add_argument("--exe", default="app")
    p.add_argument("args", nargs=argparse.REMAINDER)
    o = p.parse_args()
    args = [a for a in o.args if a != "--"]
    o.src = os.path.abspath(o.src)
    shutil.rmtree(o.workdir, ignore_errors=True)
    clang = os.path.join(o.llvm_bindir, "clang")
    dcc = os.path.join(o.bindir, "distomp-cc")
    native = os.path.join(o.workdir, "native")
    dist = os.path.join(o.workdir, "distomp")
    build(o, clang, native, clang)
    log = build(o, dcc, dist, clang if o.mixed else dcc)
    if "warning:" in log:
        fail(f"the DistOMP build warned:\n{log}")

    runs = 0
    for n in o.procs.split(","):
        want = run([os.path.join(native, o.exe), *args], env=dict(os.environ, OMP_NUM_THREADS=n))
        if want.returncode != 0 or not want.stdout.strip():
            fail(f"native run with {n} threads: status {want.returncode}\n{want.stderr}")
        got = run([os.path.join(dist, o.exe), *args],
                  env=dict(os.environ, DISTOMP_NUM_PROCS=n, DISTOMP_STATS="json"))
        where = f"{n} process(es)"
        if got.returncode != want.returncode:
            fail(f"{where}: exit status {got.returncode}, native {want.returncode}\n{got.stderr}")
        if got.stdout != want.stdout:
            fail(f"{where}: output differs from native\n--- native\n{want.stdout}"
                 f"--- distomp\n{got.stdout}--- stderr\n{got.stderr}")
        stats = [json.loads(line.split("stats-json: ", 1)[1])
                 for line in got.stderr.splitlines() if "stats-json: " in line]
        if len(stats) != int(n):
            fail(f"{where}: {len(stats)} processes reported stats\n{got.stderr}")
        # A job of one process runs the program as clang compiled it.
        idle = [s["rank"] for s in stats if s["iterations"] == 0]
        if idle and int(n) > 1:
            fail(f"{where}: processes {idle} ran no iterations\n{got.stderr}")
        other = [line for line in got.stderr.splitlines()
                 if line.startswith("distomp") and "stats-json" not in line]
        local = [line for line in other if "runs in the master alone" in line]
        if o.mixed:
            if not local and int(n) > 1:
                fail(f"{where}: the mixed build gave no runtime warning\n{got.stderr}")
            other = [line for line in other if line not in local]
        if other:
            fail(f"{where}: the runtime complained\n{got.stderr}")
        runs += 1
    print(f"compare-build: {o.src}: {runs} run(s) identical to native")


if __name__ == "__main__":
    main()
