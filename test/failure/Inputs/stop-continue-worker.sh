#!/usr/bin/env bash
# Runs APP on 3 processes (embedded default), stops one worker with SIGSTOP
# after DELAY seconds, continues it after 1.5 liveness periods (the job has
# declared it dead by then: a zombie comes back), and waits for the master.
app=$1 delay=${2:-0.5}
DISTOMP_NUM_PROCS=3 DISTOMP_LIVENESS_MS=1000 "$app" &
master=$!
sleep "$delay"
victim=$(pgrep -P $master | head -1)
kill -STOP "$victim"
sleep 1.5
kill -CONT "$victim"
wait $master
status=$?
sleep 0.3
kill -9 "$victim" 2>/dev/null && echo "the zombie was still running" >&2
exit $status
