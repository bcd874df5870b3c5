#!/usr/bin/env bash
# Runs APP on 3 processes and reports how many of libomp's registration
# files in /dev/shm its processes (the master and its workers) left.
app=$1
DISTOMP_NUM_PROCS=3 "$app" > /dev/null & m=$!
sleep 0.3
pids="$m $(pgrep -P $m | tr '\n' ' ')"
wait $m; s=$?
sleep 0.5
n=0
for p in $pids; do
  ls /dev/shm/__KMP_REGISTERED_LIB_${p}_* >/dev/null 2>&1 && n=$((n + 1))
done
echo "status $s, $(echo $pids | wc -w) processes, $n registration files left"
