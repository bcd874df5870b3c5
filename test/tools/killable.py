"""Runs a command in a session of its own, so that a run that hangs is killed
with everything it started (distomp-run's coordinator and ranks), not only
the process the harness started."""
import os
import signal
import subprocess


def run(cmd, env=None, cwd=None, timeout=120):
    """subprocess.run(capture_output=True, text=True); on timeout kills the
    command's whole session and raises subprocess.TimeoutExpired."""
    p = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True, start_new_session=True)
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.communicate()
        raise
    return subprocess.CompletedProcess(cmd, p.returncode, out, err)
