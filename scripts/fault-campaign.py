#!/usr/bin/env python3
"""Fault-injection campaign: kill, stop, or stop and continue one worker of a
running job at a random moment, many times, and compare each run's output
with native OpenMP's.

Every trial runs PROGRAM (built here with plain clang -fopenmp and with
distomp-cc) on --procs processes of the embedded default, picks one worker at
random and, at a random moment inside the native run time, does one of:

  kill       SIGKILL (--victims workers at once)
  stop       SIGSTOP, never continued (the job must end without it)
  stopcont   SIGSTOP, then SIGCONT after 1.5 liveness periods: a zombie the
             coordinator has declared dead comes back

and classifies the run:

  identical  exit status 0 and native output
  wrong      exit status 0 and other output, or other output on stdout
             with any status: the one outcome that must never happen
  error      a non-zero exit status, nothing printed that differs from
             native (a clean stop)
  hang       still running after --timeout seconds

Prints one table row per program and action; exits 1 if any trial was wrong
or hung.

  python3 scripts/fault-campaign.py --trials 20            # the built-in programs
  python3 scripts/fault-campaign.py --trials 50 --actions kill my.c
"""
import argparse
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROGRAMS = os.path.join(ROOT, "test", "failure", "Inputs", "faults")


def build(src, out, build_dir):
    clang = os.environ.get("CLANG", "clang-19")
    subprocess.run([clang, "-O2", "-fopenmp", src, "-o", out + ".native", "-lm"], check=True)
    subprocess.run([os.path.join(build_dir, "bin", "distomp-cc"), "-O2", src, "-o",
                    out + ".distomp", "-lm"], check=True)


def workers_of(pid):
    try:
        out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    except FileNotFoundError:
        sys.exit("fault-campaign: pgrep (procps) is needed")
    return [int(p) for p in out.split()]


def trial(app, action, procs, liveness_ms, window, timeout, want, victims_wanted=1):
    # Every region distributed: a fault must meet the distributed machinery.
    env = dict(os.environ, DISTOMP_NUM_PROCS=str(procs), DISTOMP_LIVENESS_MS=str(liveness_ms),
               DISTOMP_PLACEMENT="distribute")
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        master = subprocess.Popen([app], stdout=out, stderr=err, env=env)
        start = time.time()
        time.sleep(random.uniform(0.05, window))
        workers = workers_of(master.pid)
        victims = random.sample(workers, min(victims_wanted, len(workers)))
        sig = signal.SIGKILL if action == "kill" else signal.SIGSTOP
        for v in victims:
            try:
                os.kill(v, sig)
            except ProcessLookupError:
                pass  # it had ended already
        if action == "stopcont":
            time.sleep(1.5 * liveness_ms / 1000)
            for v in victims:
                try:
                    os.kill(v, signal.SIGCONT)
                except ProcessLookupError:
                    pass
        try:
            rc = master.wait(timeout=max(1, timeout - (time.time() - start)))
        except subprocess.TimeoutExpired:
            master.kill()
            master.wait()
            rc = None
        for p in workers_of(master.pid) + victims:
            try:  # a stopped worker the job left behind
                os.kill(p, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        out.seek(0)
        err.seek(0)
        got, errors = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if rc is None:
        return "hang", errors
    if got == want:
        return ("identical" if rc == 0 else "error"), errors
    if rc != 0 and want.startswith(got):
        return "error", errors
    return "wrong", errors


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("programs", nargs="*", help="C files (default: test/failure/Inputs/faults)")
    ap.add_argument("--trials", type=int, default=10, help="per program and action")
    ap.add_argument("--actions", default="kill,stop,stopcont")
    ap.add_argument("--procs", type=int, default=3)
    ap.add_argument("--victims", type=int, default=1, help="workers hit at once in each trial")
    ap.add_argument("--liveness-ms", type=int, default=1000)
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--show", default="", help="print the stderr of runs with these outcomes "
                    "(comma-separated: wrong,hang,error)")
    a = ap.parse_args()
    random.seed(a.seed)
    programs = a.programs or sorted(os.path.join(PROGRAMS, f) for f in os.listdir(PROGRAMS)
                                    if f.endswith(".c"))
    work = tempfile.mkdtemp(prefix="distomp-faults-")
    per_proc = int(os.environ.get("DISTOMP_THREADS", "1"))  # native runs the same team
    totals = {"identical": 0, "wrong": 0, "error": 0, "hang": 0}
    reasons = {}  # the first error line of each clean error, by kind
    print("| program | action | trials | identical | wrong | clean error | hang |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for src in programs:
        name = os.path.splitext(os.path.basename(src))[0]
        exe = os.path.join(work, name)
        build(src, exe, a.build)
        t0 = time.time()
        want = subprocess.run([exe + ".native"], capture_output=True, text=True,
                              env=dict(os.environ, OMP_NUM_THREADS=str(a.procs * per_proc))).stdout
        window = max(0.2, (time.time() - t0) * 0.9)
        for action in a.actions.split(","):
            counts = dict.fromkeys(totals, 0)
            for _ in range(a.trials):
                outcome, errors = trial(exe + ".distomp", action, a.procs, a.liveness_ms, window,
                                        a.timeout, want, a.victims)
                counts[outcome] += 1
                if outcome == "error":
                    first = next((l for l in errors.splitlines() if "error:" in l), "(no line)")
                    kind = re.sub(r"[0-9]+", "N", first)[:160]
                    reasons[kind] = reasons.get(kind, 0) + 1
                if outcome in a.show.split(","):
                    sys.stderr.write(f"--- {name} {action}: {outcome}\n{errors}\n")
            for k in totals:
                totals[k] += counts[k]
            print(f"| {name} | {action} | {a.trials} | {counts['identical']} | {counts['wrong']} "
                  f"| {counts['error']} | {counts['hang']} |", flush=True)
    n = sum(totals.values())
    print(f"\n{n} trials: {totals['identical']} identical, {totals['wrong']} wrong, "
          f"{totals['error']} clean errors, {totals['hang']} hangs")
    if reasons:
        print("\nclean errors, by their first line:")
        for kind, n in sorted(reasons.items(), key=lambda kv: -kv[1]):
            print(f"  {n:4}  {kind}")
    sys.exit(1 if totals["wrong"] or totals["hang"] else 0)


if __name__ == "__main__":
    main()
