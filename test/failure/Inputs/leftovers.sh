#!/usr/bin/env bash
# Counts processes still running each binary a moment after its master ended.
left() { sleep 1.5; pgrep -f "^$1" | wc -l; }
DISTOMP_NUM_PROCS=3 "$1" > /dev/null; s=$?
echo "normal: status $s, $(left "$1") left"
DISTOMP_NUM_PROCS=3 "$2" > /dev/null; s=$?
echo "exit(3): status $s, $(left "$2") left"
DISTOMP_NUM_PROCS=3 "$3" > /dev/null & m=$!
sleep 0.7; kill -9 $m; wait $m; s=$?
echo "killed: status $s, $(left "$3") left"
