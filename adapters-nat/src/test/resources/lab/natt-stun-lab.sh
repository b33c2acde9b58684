#!/usr/bin/env bash
# Client behind a router namespace doing NAT (or not) in front of coturn with two addresses (an
# RFC 5780 STUN server), for the NatProber lab test. Traffic stays inside these namespaces.
# usage: natt-stun-lab.sh up ID MODE(masquerade|fully-random|none) TURNSERVER | down ID
set -euo pipefail
cmd=$1 id=$2
c=natt-sc-$id r=natt-sr-$id s=natt-ss-$id dir=/tmp/natt-stun-$id
down() {
  if [ -f "$dir/turnserver.pid" ]; then kill "$(cat "$dir/turnserver.pid")" 2>/dev/null || true; fi
  for n in $c $r $s; do ip netns del $n 2>/dev/null || true; done
  rm -rf "$dir"
}
if [ "$cmd" = down ]; then down; exit 0; fi
mode=$3 bin=${4:-turnserver}
down; trap down ERR; mkdir -p "$dir"
for n in $c $r $s; do ip netns add $n; ip -n $n link set lo up; done
ip link add natt-a-$id type veth peer name natt-b-$id
ip link set natt-a-$id netns $c; ip link set natt-b-$id netns $r
ip link add natt-x-$id type veth peer name natt-y-$id
ip link set natt-x-$id netns $r; ip link set natt-y-$id netns $s
ip -n $c addr add 10.78.0.2/24 dev natt-a-$id; ip -n $c link set natt-a-$id up; ip -n $c route add default via 10.78.0.1
ip -n $r addr add 10.78.0.1/24 dev natt-b-$id; ip -n $r link set natt-b-$id up
ip -n $r addr add 198.18.78.1/24 dev natt-x-$id; ip -n $r link set natt-x-$id up
ip -n $s addr add 198.18.78.10/24 dev natt-y-$id; ip -n $s addr add 198.18.78.11/24 dev natt-y-$id; ip -n $s link set natt-y-$id up
ip netns exec $r sysctl -qw net.ipv4.ip_forward=1
if [ "$mode" != none ]; then
  flag=""; [ "$mode" = fully-random ] && flag="fully-random"
  ip netns exec $r nft -f - <<NFT
table ip natt {
  chain post {
    type nat hook postrouting priority 100; policy accept;
    oifname "natt-x-$id" masquerade $flag
  }
}
NFT
else
  # no NAT: the server routes back to the client LAN directly
  ip -n $s route add 10.78.0.0/24 via 198.18.78.1
fi
ip netns exec $s "$bin" -n --listening-ip 198.18.78.10 --listening-ip 198.18.78.11 --listening-port 3478 \
  --alt-listening-port 3479 --stun-only --no-tls --no-dtls --no-tcp --pidfile "$dir/turnserver.pid" \
  --log-file "$dir/turnserver.log" --no-cli >/dev/null 2>&1 &
for _ in $(seq 50); do
  if ip netns exec $s ss -lun | grep -q '198.18.78.11:3479'; then exit 0; fi
  sleep 0.1
done
echo "turnserver did not listen on both addresses" >&2; ip netns exec $s ss -lun >&2; down; exit 4
