#!/usr/bin/env bash
# Runs APP on 3 processes (embedded default), kills one worker with SIGKILL
# while the loop runs, and waits for the master.
app=$1
DISTOMP_NUM_PROCS=3 DISTOMP_LIVENESS_MS=1000 "$app" &
master=$!
sleep 0.8
kill -9 "$(pgrep -P $master | head -1)"
wait $master
