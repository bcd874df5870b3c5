#!/usr/bin/env python3
"""Builds one OpenMP program natively and with DistOMP, runs both, compares.

The bar for every end-to-end test: the DistOMP build prints exactly what the
native `clang -fopenmp` build prints (stdout and exit status), at each
optimization level and team size asked for. A team of n is n threads for the
native build and n processes for DistOMP, started two ways: the embedded
default (DISTOMP_NUM_PROCS=n ./app) and the launcher (distomp-run -n n ./app).
With --threads, each process also runs t threads (a team of n x t, and
n x t native threads).
Also checked:
  - distomp-cc compiles the program without a warning (unless --allow-warnings);
  - the DistOMP binary keeps no __kmpc_fork_call (every region was taken),
    unless --allow-local-regions, and calls __distomp_fork_call.

Usage: compare-native.py --bindir B --llvm-bindir L --workdir W [options] SRC [-- ARGS...]
"""
import argparse
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import killable  # noqa: E402


def fail(msg):
    print(f"compare-native: FAIL: {msg}", file=sys.stderr)
    sys.exit(1)


def run(cmd, env=None, timeout=120):
    try:
        return killable.run(cmd, env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        fail(f"timed out after {timeout}s: {' '.join(cmd)}")


def build(cmd):
    r = run(cmd)
    if r.returncode != 0:
        fail(f"build failed ({r.returncode}): {' '.join(cmd)}\n{r.stderr}")
    return r.stderr


def undefined_symbols(llvm_bindir, exe):
    r = run([os.path.join(llvm_bindir, "llvm-nm"), "--undefined-only", "--format=just-symbols", exe])
    if r.returncode != 0:
        fail(f"llvm-nm failed on {exe}: {r.stderr}")
    return set(r.stdout.split())


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bindir", required=True)
    p.add_argument("--llvm-bindir", required=True)
    p.add_argument("--workdir", required=True)
    p.add_argument("--opt", default="-O0,-O2", help="comma-separated optimization levels")
    p.add_argument("--procs", default="1,2,3",
                   help="comma-separated team sizes: native threads, DistOMP processes")
    p.add_argument("--threads", default="1",
                   help="comma-separated threads per DistOMP process")
    p.add_argument("--launch", default="embedded,distomp-run",
                   help="how DistOMP runs start: embedded, distomp-run, or both")
    p.add_argument("--cflags", default="", help="extra flags for both builds")
    p.add_argument("--allow-local-regions", action="store_true")
    p.add_argument("--allow-warnings", action="store_true")
    p.add_argument("--self-check", action="store_true",
                   help="the program checks itself: the native run must exit with status 0")
    p.add_argument("--env", action="append", default=[], help="NAME=VALUE for both runs")
    p.add_argument("src")
    p.add_argument("args", nargs=argparse.REMAINDER)
    o = p.parse_args()

    cxx = o.src.endswith((".cpp", ".cc", ".cxx"))
    native_cc = os.path.join(o.llvm_bindir, "clang++" if cxx else "clang")
    distomp_cc = os.path.join(o.bindir, "distomp-c++" if cxx else "distomp-cc")
    shutil.rmtree(o.workdir, ignore_errors=True)
    os.makedirs(o.workdir)
    args = [a for a in o.args if a != "--"]
    extra = o.cflags.split()

    env = dict(os.environ)
    for kv in o.env:
        k, _, v = kv.partition("=")
        env[k] = v

    runs = 0
    for level in o.opt.split(","):
        tag = level.lstrip("-")
        native = os.path.join(o.workdir, f"native-{tag}")
        dist = os.path.join(o.workdir, f"distomp-{tag}")
        build([native_cc, level, "-fopenmp", *extra, o.src, "-o", native, "-lm"])
        warnings = build([distomp_cc, level, "-fopenmp", *extra, o.src, "-o", dist, "-lm"])
        if "warning:" in warnings and not o.allow_warnings:
            fail(f"distomp-cc {level} warned:\n{warnings}")

        undefined = undefined_symbols(o.llvm_bindir, dist)
        if "__kmpc_fork_call" in undefined and not o.allow_local_regions:
            fail(f"{level}: the DistOMP binary still calls __kmpc_fork_call: a region was not taken")
        if "__distomp_fork_call" not in undefined:
            fail(f"{level}: the DistOMP binary never calls __distomp_fork_call: no region was taken")

        for n, t in [(n, t) for t in o.threads.split(",") for n in o.procs.split(",")]:
            native_env = dict(env, OMP_NUM_THREADS=str(int(n) * int(t)))
            want = run([native, *args], env=native_env)
            if not want.stdout.strip():
                fail(f"{level}, {int(n) * int(t)} thread(s): the program printed nothing")
            if o.self_check and want.returncode != 0:
                fail(f"{level}, {int(n) * int(t)} thread(s): the native build fails its own checks "
                     f"(status {want.returncode}):\n{want.stdout}")
            for launch in o.launch.split(","):
                if launch == "embedded":
                    got = run([dist, *args], env=dict(env, DISTOMP_NUM_PROCS=n, DISTOMP_THREADS=t))
                else:
                    got = run([os.path.join(o.bindir, "distomp-run"), "-n", n, "--threads", t,
                               dist, *args], env=env)
                where = f"{level}, {n} process(es) x {t} thread(s), {launch}"
                if want.returncode != got.returncode:
                    fail(f"{where}: exit status {got.returncode}, native {want.returncode}\n"
                         f"stderr: {got.stderr}")
                if want.stdout != got.stdout:
                    fail(f"{where}: output differs from native\n--- native\n{want.stdout}"
                         f"--- distomp\n{got.stdout}--- distomp stderr\n{got.stderr}")
                if "distomp: error" in got.stderr or "distomp: warn" in got.stderr:
                    fail(f"{where}: the runtime complained\n{got.stderr}")
                runs += 1
    print(f"compare-native: {o.src}: {runs} run(s) identical to native")


if __name__ == "__main__":
    main()
