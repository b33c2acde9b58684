#!/usr/bin/env bash
# A router namespace running miniupnpd and a client namespace behind it, for adapters-nat's lab
# tests. Usage: natt-lab.sh up ID MINIUPNPD_BINARY | natt-lab.sh down ID
#   router natt-r-ID: LAN 10.77.0.1/24 (veth), WAN 198.18.77.1/24 (veth), nftables chains
#   client natt-c-ID: 10.77.0.2/24, default route via 10.77.0.1
# Traffic stays inside these namespaces. miniupnpd's pid goes to /tmp/natt-ID/miniupnpd.pid.
set -euo pipefail
cmd=$1 id=$2
r=natt-r-$id c=natt-c-$id dir=/tmp/natt-$id

down() {
  if [ -f "$dir/miniupnpd.pid" ]; then kill "$(cat "$dir/miniupnpd.pid")" 2>/dev/null || true; sleep 0.3; fi
  ip netns del "$r" 2>/dev/null || true
  ip netns del "$c" 2>/dev/null || true
  rm -rf "$dir"
}

if [ "$cmd" = down ]; then down; exit 0; fi

bin=$3
[ -x "$bin" ] || { echo "miniupnpd binary not found or not executable: $bin" >&2; exit 3; }
down
trap 'down' ERR
mkdir -p "$dir"
ip netns add "$r"
ip netns add "$c"
ip link add natt-l-$id type veth peer name natt-cl-$id
ip link set natt-l-$id netns "$r"
ip link set natt-cl-$id netns "$c"
# The WAN side: a veth whose peer stays in the router (no dummy module on these kernels).
ip -n "$r" link add natt-w-$id type veth peer name natt-wp-$id
ip -n "$r" addr add 10.77.0.1/24 dev natt-l-$id
ip -n "$r" addr add 198.18.77.1/24 dev natt-w-$id
ip -n "$r" link set lo up
ip -n "$r" link set natt-l-$id up
ip -n "$r" link set natt-w-$id up
ip -n "$r" link set natt-wp-$id up
ip -n "$c" addr add 10.77.0.2/24 dev natt-cl-$id
ip -n "$c" link set lo up
ip -n "$c" link set natt-cl-$id up
ip -n "$c" route add default via 10.77.0.1
# SSDP multicast from the client must leave by the LAN link
ip -n "$c" route add 239.255.255.250/32 dev natt-cl-$id
ip netns exec "$r" sysctl -qw net.ipv4.ip_forward=1
ip netns exec "$r" nft -f - <<NFT
table inet filter {
  chain forward { type filter hook forward priority 0; policy accept; jump miniupnpd; }
  chain miniupnpd {}
  chain prerouting { type nat hook prerouting priority -100; policy accept; jump prerouting_miniupnpd; }
  chain postrouting { type nat hook postrouting priority 100; policy accept; jump postrouting_miniupnpd; }
  chain prerouting_miniupnpd {}
  chain postrouting_miniupnpd {}
}
NFT
cat > "$dir/miniupnpd.conf" <<CONF
ext_ifname=natt-w-$id
listening_ip=natt-l-$id
ext_allow_private_ipv4=yes
enable_pcp_pmp=yes
enable_upnp=yes
secure_mode=yes
port=0
uuid=3d3cec3a-8cf0-11e0-98ee-001a6bd2d077
min_lifetime=120
max_lifetime=86400
allow 1024-65535 10.77.0.0/24 1024-65535
deny 0-65535 0.0.0.0/0 0-65535
CONF
ip netns exec "$r" "$bin" -f "$dir/miniupnpd.conf" -d -P "$dir/miniupnpd.pid" >"$dir/miniupnpd.log" 2>&1 &
for _ in $(seq 50); do
  if ip netns exec "$r" ss -lun | grep -q ':5351'; then exit 0; fi
  sleep 0.1
done
echo "miniupnpd did not start; its log:" >&2
cat "$dir/miniupnpd.log" >&2
down
exit 4
