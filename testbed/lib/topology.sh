# shellcheck shell=bash
# The namespace world that plays one Kubernetes node and its surroundings:
#
#   far ──(routed 172.29.X/24)── sw ──br0 172.31.X/24── ext          (underlay 0: the node's "physical" LAN)
#                                 │   └─ node:ens192 (.11) ── macvlan pods (eth0)
#                                 └──br1 172.30.X/24── ext2         (underlay 1: the LAN of second NICs)
#                                     └─ node:ens224 (.11) ── macvlan pods (net1)
#   node: calico-like overlay pod ovl1 (10.233.64.10/32 via cali*), kube-proxy-like ClusterIP DNAT (nftables)
#
# `sw` is the underlay switch and its gateway (.1 on each bridge); it routes between the LANs and `far` with
# strict reverse-path filtering (nftables fib, both families), like a router with uRPF, so a reply that leaves a
# pod by the wrong NIC is dropped (and counted) instead of silently working.

# shellcheck disable=SC2034  # the names below are read by the other libraries and the scripts
tb_addressing() {
  local x=$TB_X
  UL0_NET4=172.31.$x.0/24 UL0_NET6=fd00:31:$x::/64
  UL0_GW4=172.31.$x.1 UL0_GW6=fd00:31:$x::1
  UL1_NET4=172.30.$x.0/24 UL1_NET6=fd00:30:$x::/64
  UL1_GW4=172.30.$x.1 UL1_GW6=fd00:30:$x::1
  FAR_NET4=172.29.$x.0/24 FAR_NET6=fd00:29:$x::/64
  FAR_GW4=172.29.$x.1 FAR_GW6=fd00:29:$x::1
  FAR_IP4=172.29.$x.2 FAR_IP6=fd00:29:$x::2
  NODE_IP4=172.31.$x.11 NODE_IP6=fd00:31:$x::11         # ens192, the node's InternalIP
  NODE_IP4_B=172.30.$x.11 NODE_IP6_B=fd00:30:$x::11     # ens224
  EXT_IP4=172.31.$x.50 EXT_IP6=fd00:31:$x::50
  EXT2_IP4=172.30.$x.50 EXT2_IP6=fd00:30:$x::50
  # host-local pools for underlay pods
  UL0_POOL4=("172.31.$x.100" "172.31.$x.199") UL0_POOL6=("fd00:31:$x::100" "fd00:31:$x::1ff")
  UL1_POOL4=("172.30.$x.100" "172.30.$x.199") UL1_POOL6=("fd00:30:$x::100" "fd00:30:$x::1ff")
  # the cluster: pod CIDR of the overlay CNI and the Service CIDR
  CLUSTER_CIDR4=10.233.64.0/18 CLUSTER_CIDR6=fd00:233:64::/112
  SERVICE_CIDR4=10.233.0.0/18 SERVICE_CIDR6=fd00:233::/112
  OVL_IP4=10.233.64.10 OVL_IP6=fd00:233:64::10
  SVC_TCP4=10.233.0.10 SVC_TCP6=fd00:233::10           # TCP :80  → ovl1:8080
  SVC_UDP4=10.233.0.11 SVC_UDP6=fd00:233::11           # UDP :53  → ovl1:5353
  SVC_UL4=10.233.0.12 SVC_UL6=fd00:233::12             # TCP :80  → an underlay pod:8080
  TB_TCP_PORT=8080 TB_UDP_PORT=5353
}

# Infrastructure namespaces skip IPv6 DAD so their addresses are usable at once; pods and the node keep the
# distribution defaults (the plugin must cope with those).
tb_no_dad() { tb_sysctl "$1" net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0; }

# tb_wire A IFA B IFB: a veth pair whose ends are born directly in namespaces A and B.
tb_wire() {
  ip -n "$(tb_ns "$1")" link add "$2" type veth peer name "$4" netns "$(tb_ns "$3")"
}

tb_up_switch() {
  tb_netns_add sw && tb_no_dad sw
  tb_sysctl sw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
  # a switch forwards frames, it does not filter them (these exist when br_netfilter is loaded on the host)
  if tb_in sw test -e /proc/sys/net/bridge/bridge-nf-call-iptables; then
    tb_sysctl sw net.bridge.bridge-nf-call-iptables=0 net.bridge.bridge-nf-call-ip6tables=0 \
      net.bridge.bridge-nf-call-arptables=0
  fi
  # strict uRPF for both families on everything the router receives; `drops` counts asymmetric packets
  tb_in sw nft -f - <<'NFT'
table inet spt_urpf {
  counter drops { }
  chain prerouting {
    type filter hook prerouting priority raw; policy accept;
    meta nfproto ipv4 fib saddr . iif oif missing counter name drops drop
    meta nfproto ipv6 ip6 saddr != :: fib saddr . iif oif missing counter name drops drop
  }
}
NFT
  local br
  for br in br0 br1; do
    # no multicast snooping: NDP must reach macvlan pods that never sent an MLD report
    tb_ip sw link add "$br" type bridge mcast_snooping 0
  done
  tb_ip sw addr add "$UL0_GW4/24" dev br0
  tb_ip sw addr add "$UL0_GW6/64" dev br0 nodad
  tb_ip sw addr add "$UL1_GW4/24" dev br1
  tb_ip sw addr add "$UL1_GW6/64" dev br1 nodad
  tb_ip sw link set br0 up
  tb_ip sw link set br1 up
}

# tb_up_client ROLE BRIDGE IP4 IP6 GW4 GW6: a host with one NIC on a switch bridge.
tb_up_client() {
  local role=$1 br=$2 ip4=$3 ip6=$4 gw4=$5 gw6=$6
  tb_netns_add "$role" && tb_no_dad "$role"
  tb_wire "$role" eth0 sw "p-$role"
  tb_ip sw link set "p-$role" master "$br" up
  tb_ip "$role" addr add "$ip4/24" dev eth0
  tb_ip "$role" addr add "$ip6/64" dev eth0 nodad
  tb_ip "$role" link set eth0 up
  tb_ip "$role" route add default via "$gw4"
  tb_ip "$role" -6 route add default via "$gw6"
}

# A host on a network only reachable through the underlay router (for reply-path tests).
tb_up_far() {
  tb_netns_add far && tb_no_dad far
  tb_wire far eth0 sw p-far
  tb_ip sw addr add "$FAR_GW4/24" dev p-far
  tb_ip sw addr add "$FAR_GW6/64" dev p-far nodad
  tb_ip sw link set p-far up
  tb_ip far addr add "$FAR_IP4/24" dev eth0
  tb_ip far addr add "$FAR_IP6/64" dev eth0 nodad
  tb_ip far link set eth0 up
  tb_ip far route add default via "$FAR_GW4"
  tb_ip far -6 route add default via "$FAR_GW6"
}

# The Kubernetes node: two "physical" NICs, forwarding, strict rp_filter as many distributions ship.
tb_up_node() {
  tb_netns_add node
  tb_wire node ens192 sw p-node0
  tb_wire node ens224 sw p-node1
  tb_ip sw link set p-node0 master br0 up
  tb_ip sw link set p-node1 master br1 up
  tb_sysctl node net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.forwarding=1 \
    net.ipv4.conf.all.rp_filter=1 net.ipv4.conf.default.rp_filter=1 \
    net.ipv4.conf.ens192.rp_filter=1 net.ipv4.conf.ens224.rp_filter=1
  tb_ip node addr add "$NODE_IP4/24" dev ens192
  tb_ip node addr add "$NODE_IP6/64" dev ens192 nodad
  tb_ip node addr add "$NODE_IP4_B/24" dev ens224
  tb_ip node addr add "$NODE_IP6_B/64" dev ens224 nodad
  tb_ip node link set ens192 up
  tb_ip node link set ens224 up
  tb_ip node route add default via "$UL0_GW4"
  tb_ip node -6 route add default via "$UL0_GW6"
}

# Host-side name of an overlay pod's veth, calico style: cali + 11 hex chars.
tb_cali_name() { printf 'cali%s' "$(printf '%s' "$TB_SUFFIX-$1" | sha1sum | cut -c1-11)"; }

# tb_up_overlay_pod ROLE IP4 IP6: a pod of the overlay CNI, wired the way calico does it (/32 and /128 addresses,
# host routes per pod, the node answering for the pod's gateway: proxy_arp for 169.254.1.1, fe80::1 on the cali).
tb_up_overlay_pod() {
  local role=$1 ip4=$2 ip6=$3 cali
  cali=$(tb_cali_name "$role")
  tb_netns_add "$role" && tb_no_dad "$role"
  tb_wire "$role" eth0 node "$cali"
  tb_sysctl node "net.ipv4.conf.$cali.proxy_arp=1" "net.ipv6.conf.$cali.accept_dad=0"
  tb_ip node addr add fe80::1/64 dev "$cali" nodad
  tb_ip node link set "$cali" up
  tb_ip node route add "$ip4/32" dev "$cali" scope link
  tb_ip node -6 route add "$ip6/128" dev "$cali"
  tb_ip "$role" addr add "$ip4/32" dev eth0
  tb_ip "$role" addr add "$ip6/128" dev eth0 nodad
  tb_ip "$role" link set eth0 up
  tb_ip "$role" route add 169.254.1.1 dev eth0 scope link
  tb_ip "$role" route add default via 169.254.1.1 dev eth0 onlink
  tb_ip "$role" -6 route add default via fe80::1 dev eth0
  tb_start_servers "$role"
}

# Every pod (overlay or underlay) answers on TCP 8080 and UDP 5353 with its own name, so a probe proves which
# backend it reached. socat forks per connection/datagram; the parent's PID is what teardown ends.
tb_start_servers() {
  local role=$1
  tb_spawn "$role" tcp socat "TCP6-LISTEN:$TB_TCP_PORT,ipv6only=0,reuseaddr,fork" "SYSTEM:read -r l; echo $role"
  tb_spawn "$role" udp socat "UDP6-RECVFROM:$TB_UDP_PORT,ipv6only=0,fork" "SYSTEM:read -r l; echo $role"
}

tb_servers_listening() {
  tb_in "$1" ss -Hltn "sport = :$TB_TCP_PORT" | grep -q . && tb_in "$1" ss -Hlun "sport = :$TB_UDP_PORT" | grep -q .
}

# kube-proxy (nftables flavour, reduced to what the matrix needs): ClusterIP DNAT in prerouting and output,
# KUBE-MARK-MASQ semantics (traffic to a Service from outside the cluster CIDR is masqueraded, which also covers
# the hairpin of an underlay pod reaching itself), and one Service whose endpoint is set later (tb_set_underlay_svc).
tb_up_kubeproxy() {
  tb_in node nft -f - <<EOF
table inet spt_kubeproxy {
  chain prerouting { type nat hook prerouting priority dstnat; policy accept; jump services; }
  chain output { type nat hook output priority -100; policy accept; jump services; }
  chain postrouting {
    type nat hook postrouting priority srcnat; policy accept;
    meta mark & 0x4000 == 0x4000 masquerade
  }
  chain services {
    ip daddr $SERVICE_CIDR4 ip saddr != $CLUSTER_CIDR4 meta mark set meta mark | 0x4000
    ip6 daddr $SERVICE_CIDR6 ip6 saddr != $CLUSTER_CIDR6 meta mark set meta mark | 0x4000
    ip daddr $SVC_TCP4 tcp dport 80 dnat ip to $OVL_IP4:$TB_TCP_PORT
    ip6 daddr $SVC_TCP6 tcp dport 80 dnat ip6 to [$OVL_IP6]:$TB_TCP_PORT
    ip daddr $SVC_UDP4 udp dport 53 dnat ip to $OVL_IP4:$TB_UDP_PORT
    ip6 daddr $SVC_UDP6 udp dport 53 dnat ip6 to [$OVL_IP6]:$TB_UDP_PORT
    jump svc_underlay
  }
  chain svc_underlay { }
}
EOF
}

# tb_set_underlay_svc IP4 IP6: points the underlay-backed Service at a pod's addresses ("" = family absent).
# Packets the underlay router dropped because they arrived on the wrong interface for their source.
tb_urpf_drops() { tb_in sw nft -j list counter inet spt_urpf drops | jq '[.nftables[] | select(.counter) | .counter.packets][0]'; }

tb_set_underlay_svc() {
  local ip4=$1 ip6=$2 rules=""
  [ -n "$ip4" ] && rules+="add rule inet spt_kubeproxy svc_underlay ip daddr $SVC_UL4 tcp dport 80 dnat ip to $ip4:$TB_TCP_PORT"$'\n'
  [ -n "$ip6" ] && rules+="add rule inet spt_kubeproxy svc_underlay ip6 daddr $SVC_UL6 tcp dport 80 dnat ip6 to [$ip6]:$TB_TCP_PORT"$'\n'
  printf 'flush chain inet spt_kubeproxy svc_underlay\n%s' "$rules" | tb_in node nft -f -
}

# Builds the whole world; run under `set -e` in a subshell by tb_up.
tb_build() {
  tb_up_switch
  tb_up_client ext br0 "$EXT_IP4" "$EXT_IP6" "$UL0_GW4" "$UL0_GW6"
  tb_up_client ext2 br1 "$EXT2_IP4" "$EXT2_IP6" "$UL1_GW4" "$UL1_GW6"
  tb_up_far
  tb_up_node
  tb_up_overlay_pod ovl1 "$OVL_IP4" "$OVL_IP6"
  tb_up_kubeproxy
}

tb_up() {
  tb_addressing
  # a subshell of its own: `set -e` is ignored inside anything tested by `||`
  ( set -e; tb_build )
  [ $? = 0 ] || tb_die "building the topology failed (see above)"
  tb_wait_for 5 tb_servers_listening ovl1 || tb_die "servers in ovl1 did not start"
  tb_debug "topology up: suffix $TB_SUFFIX, underlay 172.31.$TB_X.0/24, work dir $TB_WORK"
}
