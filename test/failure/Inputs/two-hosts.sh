#!/usr/bin/env bash
# Builds two namespace hosts, runs APP across them with distomp-run, tears
# everything down whatever happens.
set -e
app=$1
tag=dt$$
br=br$tag
cleanup() {
  ip netns del ${tag}a 2>/dev/null || true
  ip netns del ${tag}b 2>/dev/null || true
  ip link del $br 2>/dev/null || true
}
trap cleanup EXIT
ip link add $br type bridge
ip addr add 10.231.0.254/24 dev $br
ip link set $br up
i=1
for h in a b; do
  ns=${tag}$h
  ip netns add $ns
  ip link add v$tag$h type veth peer name eth0 netns $ns
  ip link set v$tag$h master $br up
  ip -n $ns addr add 10.231.0.$i/24 dev eth0
  ip -n $ns link set eth0 up
  ip -n $ns link set lo up
  ip netns exec $ns tc qdisc add dev eth0 root netem delay 1ms rate 100mbit
  i=$((i + 1))
done
distomp-run -n 3 --hosts ${tag}a@10.231.0.1:1,${tag}b@10.231.0.2:2 --rsh "ip netns exec" \
  --coordinator-host 10.231.0.254 "$app"
