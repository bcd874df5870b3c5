#!/usr/bin/env bash
# Starts a coordinator, throws malformed traffic at it (raw TCP bytes and
# ZeroMQ frames that are not valid messages), then runs APP on 2 processes
# against it. Prints APP's output; the coordinator's log goes to $2.
set -e
app=$1 log=$2 probe=$3
distomp-coordinator --listen 'tcp://127.0.0.1:*' --log-level info > "$log.out" 2> "$log" &
coord=$!
trap 'kill $coord 2>/dev/null || true' EXIT
for _ in $(seq 50); do grep -q listening "$log.out" && break; sleep 0.1; done
ep=$(awk '/listening on/ {print $3}' "$log.out")
port=${ep##*:}
python3 - "$port" <<'PY'
import os, socket, sys
for n in (1, 7, 64, 4096):
    s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
    s.sendall(os.urandom(n))
    s.close()
PY
"$probe" "$ep"
distomp-run --coordinator "$ep" -n 2 "$app"
