#!/usr/bin/env bash
# Master from APP, a worker from OTHER, one coordinator.
app=$1 other=$2
log=$(mktemp)
distomp-coordinator --listen 'tcp://127.0.0.1:*' --once --join-timeout-ms 2000 > "$log" &
coord=$!
for _ in $(seq 50); do grep -q listening "$log" && break; sleep 0.1; done
ep=$(awk '/listening on/ {print $3}' "$log")
DISTOMP_ROLE=master DISTOMP_COORDINATOR=$ep DISTOMP_NUM_PROCS=2 "$app" &
master=$!
DISTOMP_ROLE=worker DISTOMP_COORDINATOR=$ep "$other"
wait $master
status=$?
kill $coord 2>/dev/null
rm -f "$log"
exit $status
