# Sourced by run.sh and profile.sh: a throwaway node for the benchmarks. Namespaces spt-bn-<id>-{sw,node,pod}:
# a switch with bridge br0 (underlay 172.30.1.0/24 + fd00:30:1::/64, gateway .1/::1), a node whose "physical"
# NIC ens192 plugs into it, and an empty pod namespace. bed_up builds it; bed_down (installed as the EXIT trap)
# deletes every namespace and the work dir, also after a failure. The root namespace is never touched.
id=$(( $$ % 100000 ))$(( RANDOM % 9000 + 1000 ))
sw=spt-bn-$id-sw node=spt-bn-$id-node pod=spt-bn-$id-pod
work=$(mktemp -d "/tmp/spt-bn-$id.XXXXXX")
created=()

bed_down() {
  local ns
  for ns in "${created[@]}"; do ip netns del "$ns" 2>/dev/null || true; done
  rm -rf "$work"
}
trap bed_down EXIT
trap 'exit 130' INT TERM

bed_addns() {
  ip netns add "$1"
  created+=("$1")
  ip -n "$1" link set lo up
}

bed_up() {
  # The node: one "physical" NIC ens192 on a bridged underlay 172.30.1.0/24 + fd00:30:1::/64 with its gateway.
  bed_addns "$sw"; bed_addns "$node"; bed_addns "$pod"
  # No address may sit in DAD: the Go IPAM code waits for it to settle, and the leak check compares address flags.
  for ns in "$sw" "$node" "$pod"; do
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
  done
  ip netns exec "$node" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
  ip -n "$sw" link add br0 type bridge
  ip -n "$sw" link set br0 up
  ip -n "$sw" addr add 172.30.1.1/24 dev br0
  ip -n "$sw" addr add fd00:30:1::1/64 dev br0 nodad
  ip -n "$node" link add ens192 type veth peer name p-ens192 netns "$sw"
  ip -n "$sw" link set p-ens192 master br0 up
  ip -n "$node" link set ens192 up
  ip -n "$node" addr add 172.30.1.11/24 dev ens192
  ip -n "$node" addr add fd00:30:1::11/64 dev ens192 nodad
  ip -n "$node" route add default via 172.30.1.1
  ip -n "$node" -6 route add default via fd00:30:1::1
}
