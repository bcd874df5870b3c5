#!/usr/bin/env bash
# Kills distomp-run (SIGKILL) in the middle of a job and counts, after two
# liveness periods, the job's processes and coordinators still running.
run=$1 app=$2
DISTOMP_LIVENESS_MS=1000 "$run" -n 3 "$app" > /dev/null &
launcher=$!
sleep 1.5
coordinator=$(pgrep -P $launcher -f distomp-coordinator)
kill -9 $launcher
wait $launcher 2>/dev/null
sleep 4
echo "coordinator left: $(ps -o pid= -p ${coordinator:-0} | wc -l), ranks left: $(pgrep -f "^$app" | wc -l)"
