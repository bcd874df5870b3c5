#!/usr/bin/env bash
# An emulated cluster on one machine: K hosts as network namespaces on a
# bridge, each joined by a veth pair whose two ends are shaped like a switch
# port (tc), plus one namespace for the coordinator. Runs a DistOMP program
# across them with distomp-run and tears everything down afterwards, also
# when the run fails or the script is interrupted. Needs root.
#
#   scripts/emulated-cluster.sh [--hosts K] [--preset gigabit|campus|none]
#                               [-n N] [--threads T] [--require-netem] -- ./app args
#
# Presets: gigabit = 1 Gbit/s, 0.1 ms one way; campus = 100 Mbit/s, 1 ms one
# way (the HSR runtime's cluster); none = the bridge unshaped. Rate and delay
# come from netem; a kernel without netem gets the rate from tbf and no delay
# (said on stderr; --require-netem makes that an error instead).
# N processes (default K) go round-robin over the hosts, the master on host 1.
# The program's output is distomp-run's; the exit status is the master's.
# Last on stderr: "emulated-cluster: the program ran S seconds" (distomp-run
# alone, without building and removing the cluster), for timings.
set -euo pipefail

usage() { sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
die() { echo "emulated-cluster: error: $*" >&2; exit 2; }
note() { echo "emulated-cluster: $*" >&2; }

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BIN=${DISTOMP_BIN:-$HERE/../build/bin}
hosts=2 preset=campus procs=0 threads=0 require_netem=0
while [ $# -gt 0 ]; do
  case $1 in
    --hosts) hosts=$2; shift 2 ;;
    --preset) preset=$2; shift 2 ;;
    -n) procs=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --require-netem) require_netem=1; shift ;;
    -h|--help) usage ;;
    --) shift; break ;;
    *) break ;;
  esac
done
[ $# -ge 1 ] || usage
[[ $hosts =~ ^[0-9]+$ ]] && [ "$hosts" -ge 1 ] && [ "$hosts" -le 200 ] || die "--hosts takes 1 to 200"
[ "$procs" -gt 0 ] 2>/dev/null || procs=$hosts
case $preset in
  gigabit) rate=1gbit delay=100us ;;
  campus) rate=100mbit delay=1ms ;;
  none) rate="" delay="" ;;
  *) die "--preset takes gigabit, campus or none, not '$preset'" ;;
esac
[ "$(id -u)" -eq 0 ] || die "needs root (network namespaces, veth, tc)"
for tool in ip tc; do
  command -v $tool >/dev/null || die "needs '$tool' (Debian package iproute2)"
done
[ -x "$BIN/distomp-run" ] || die "no $BIN/distomp-run: build first (scripts/build.sh)"
app=$(readlink -f "$1") || die "$1: no such program"
shift

# Names unique to this run, so runs side by side do not meet.
tag=dc$$
net=10.$((200 + $$ % 50)).$(($$ / 50 % 250)) # a /24 nobody else here uses
br=br$tag
coord_ns=${tag}c
made_ns=()
run_pid=""
cleanup() {
  local status=$?
  if [ -n "$run_pid" ] && kill -0 "$run_pid" 2>/dev/null; then
    kill -TERM "$run_pid" 2>/dev/null || true # distomp-run ends its processes
    wait "$run_pid" 2>/dev/null || true
  fi
  for ns in "${made_ns[@]}"; do
    # Processes keep a namespace alive: end them first.
    pids=$(ip netns pids "$ns" 2>/dev/null || true)
    [ -z "$pids" ] || kill -9 $pids 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
  done
  ip link del "$br" 2>/dev/null || true
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

netem_ok() {
  local probe=${tag}p
  ip netns add "$probe" || return 1
  ip netns exec "$probe" tc qdisc add dev lo root netem delay 1ms 2>/dev/null
  local ok=$?
  ip netns del "$probe"
  return $ok
}

# Shapes the egress of DEV (in namespace NS, or here when NS is empty).
shape() {
  local ns=$1 dev=$2 with_delay=$3
  local run=(); [ -z "$ns" ] || run=(ip netns exec "$ns")
  [ -n "$rate" ] || return 0
  if [ "$use_netem" = 1 ]; then
    if [ "$with_delay" = 1 ]; then
      "${run[@]}" tc qdisc add dev "$dev" root netem delay "$delay" rate "$rate" limit 10000
    else
      "${run[@]}" tc qdisc add dev "$dev" root netem rate "$rate" limit 10000
    fi
  else
    "${run[@]}" tc qdisc add dev "$dev" root tbf rate "$rate" burst 64kb latency 100ms
  fi
}

use_netem=1
if [ -n "$rate" ] && ! netem_ok; then
  [ "$require_netem" = 0 ] || die "this kernel has no netem (tc qdisc netem), needed for the delay"
  use_netem=0
  note "this kernel has no netem: preset $preset gets its rate ($rate, tbf) but no delay"
fi

ip link add "$br" type bridge
ip link set "$br" up
# Host i is $net.i; the coordinator's namespace is $net.254.
add_host() {
  local ns=$1 addr=$2
  ip netns add "$ns"
  made_ns+=("$ns")
  ip link add "v$ns" type veth peer name eth0 netns "$ns"
  ip link set "v$ns" master "$br" up
  ip -n "$ns" addr add "$addr/24" dev eth0
  ip -n "$ns" link set eth0 up
  ip -n "$ns" link set lo up
  shape "$ns" eth0 1    # the host's uplink: rate and one-way delay
  shape "" "v$ns" 0     # the switch port towards it: rate
}
add_host "$coord_ns" "$net.254"
for i in $(seq 1 "$hosts"); do
  add_host "$tag$i" "$net.$i"
done

# The coordinator in its own namespace, the processes on the hosts.
coord_log=$(mktemp)
ip netns exec "$coord_ns" "$BIN/distomp-coordinator" --listen "tcp://$net.254:5555" --once \
  --log-level "${DISTOMP_LOG:-warn}" > "$coord_log" &
disown # cleanup ends it with the namespace; no job notice for that
for _ in $(seq 100); do
  grep -q '^listening on' "$coord_log" && break
  sleep 0.05
done
grep -q '^listening on' "$coord_log" || die "the coordinator did not start: $(cat "$coord_log")"
rm -f "$coord_log"

slots=()
for i in $(seq 1 "$hosts"); do
  k=$(( procs / hosts + (i <= procs % hosts ? 1 : 0) ))
  [ "$k" -eq 0 ] || slots+=("$tag$i@$net.$i:$k")
done
run=("$BIN/distomp-run" -n "$procs" --hosts "$(IFS=,; echo "${slots[*]}")" --rsh "ip netns exec"
     --coordinator "tcp://$net.254:5555")
[ "$threads" -eq 0 ] || run+=(--threads "$threads")
# In the background, so that a signal reaches the trap at once (bash runs
# traps only between foreground commands).
started=$EPOCHREALTIME
"${run[@]}" "$app" "$@" <&0 &
run_pid=$!
set +e
wait "$run_pid"
status=$?
set -e
note "the program ran $(awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }') seconds"
exit $status
