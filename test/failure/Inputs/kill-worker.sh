#!/usr/bin/env bash
# Runs APP on 3 processes (embedded default), kills one worker with SIGKILL
# after DELAY seconds (default 0.8) while the loop runs, and waits for the
# master.
app=$1 delay=${2:-0.8}
DISTOMP_NUM_PROCS=3 DISTOMP_LIVENESS_MS=1000 "$app" &
master=$!
sleep "$delay"
kill -9 "$(pgrep -P $master | head -1)"
wait $master
