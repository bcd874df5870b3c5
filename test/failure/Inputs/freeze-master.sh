#!/usr/bin/env bash
# Runs APP with distomp-run on 3 processes, stops the master (SIGSTOP) after
# half a second, and reports the launcher's exit status and how long it
# outlived the freeze.
app=$1
DISTOMP_LIVENESS_MS=1000 distomp-run -n 3 "$app" > /dev/null & launcher=$!
sleep 0.5
master=$(pgrep -f "^$app$" | sort -n | head -1)
kill -STOP "$master"
start=$(date +%s)
wait $launcher
status=$?
echo "launcher status $status after $(( $(date +%s) - start )) s"
kill -9 "$master" 2>/dev/null && echo "the master was left behind"
exit 0
