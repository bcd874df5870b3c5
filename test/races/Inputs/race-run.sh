#!/usr/bin/env bash
# Runs APP on 2 processes with stdout to OUT and stderr to ERR. A worker
# whose memory clashes with the master's layout starts again, and its part
# of the running region goes to the master: the race is then inside one
# process and not reported. Only then is the run repeated (up to 3 times).
app=$1 out=$2 err=$3
for attempt in 1 2 3; do
  env DISTOMP_NUM_PROCS=2 DISTOMP_LOG=info "$app" > "$out" 2> "$err.all" || exit 1
  grep -v "^distomp: info:" "$err.all" > "$err"
  grep -q "fresh address layout" "$err.all" || exit 0
done
