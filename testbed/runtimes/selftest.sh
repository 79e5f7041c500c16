#!/usr/bin/env bash
# selftest.sh --counts FILE [--chain CONFLIST] [--node-netns NAME] [--master IFNAME] [--with-veth]
#             [--veth-cidrs LIST] [--probe-cmd CMD] [--runtime containerd|podman|all] [--log-dir DIR] [--no-deps]
#
# Drives a CNI chain through real container runtimes (containerd 1.6 CRI, podman 4.3 CNI backend) that run inside a
# network namespace playing the Kubernetes node. For each runtime: run a pod whose network is the chain, check it got
# an IP (the runtime's report and eth0 in the pod netns agree), ping from the pod netns (the underlay gateway; with
# --with-veth the node IP, which macvlan alone cannot reach), remove the pod, then check that nothing of ours is
# left in the node netns. The chain's own calls are recorded by spt-envlog (appended to the chain) to prove every
# ADD/DEL ran in the node netns.
#
#   --chain F       conflist to test (its "name" is replaced by a per-run one; spt-envlog is appended).
#                   Default: macvlan (master ens192, bridge mode) + host-local, cniVersion 1.0.0 [+ veth].
#   --node-netns N  use the existing netns N as the node (not created, not deleted); default: build
#                   spt-rt-<unique>-underlay (bridge br0, gateway .1) and spt-rt-<unique>-node (veth ens192 .11).
#   --with-veth     default chain gets ${SPIDER_BIN_DIR:-<repo>/bin}/veth after macvlan; also checks pod -> node IP.
#   --veth-cidrs L  comma-separated CIDRs the default chain's veth routes through the node (cluster_cidr).
#   --probe-cmd C   after the pod is up, run C RUNTIME NETNS POD_IP; its exit status is the check <runtime>/probes.
#   --log-dir D     keep each runtime's CNI call log and daemon log there.
# Prints PASS <name> / FAIL <name>: why, writes "<passed> <failed>" to FILE, exits 0 only if nothing failed.
# Everything it creates is removed on exit, also on failure or interrupt; the root netns must not change.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
source "$here/containerd.sh"
source "$here/podman.sh"

counts="" chain="" node_given="" master=ens192 with_veth=0 veth_cidrs="10.233.0.0/18,10.244.0.0/16" probe_cmd="" runtimes="containerd podman" log_dir="" run_deps=1
while (($#)); do
  case $1 in
    --counts) counts=$2; shift 2 ;;
    --chain) chain=$(readlink -f "$2"); shift 2 ;;
    --node-netns) node_given=$2; shift 2 ;;
    --veth-cidrs) veth_cidrs=$2; shift 2 ;;
    --probe-cmd) probe_cmd=$2; shift 2 ;;
    --master) master=$2; shift 2 ;;
    --with-veth) with_veth=1; shift ;;
    --runtime) [ "$2" = all ] || runtimes=$2; shift 2 ;;
    --log-dir) log_dir=$2; shift 2 ;;
    --no-deps) run_deps=0; shift ;;
    *) echo "selftest: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ "$(id -u)" = 0 ] || { echo "selftest: must run as root" >&2; exit 2; }

passed=0 failed=0
# Results go to fd 3 (our stdout): a signal trap can run inside a function whose stdout is redirected.
exec 3>&1
pass() { echo "PASS $1" >&3; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2" >&3; failed=$((failed + 1)); }
# check NAME WHY CMD...: PASS if CMD succeeds, else FAIL with WHY.
check() { local name=$1 why=$2; shift 2; if "$@"; then pass "$name"; else fail "$name" "$why"; fi; }
write_counts() { [ -z "$counts" ] || echo "$passed $failed" >"$counts"; }

if ((run_deps)); then "$here/deps.sh" || { fail setup "deps.sh failed"; write_counts; exit 1; }; fi

snapshot_tool=$RT_REPO_ROOT/../shared/tools/rootns-snapshot
[ -x "$snapshot_tool" ] || snapshot_tool=$RT_REPO_ROOT/scripts/rootns-snapshot
root_before=$("$snapshot_tool")

uniq=$(printf '%x%04x' $$ $((RANDOM)))
W=/tmp/spt-rt-$uniq
underlay_ns=spt-rt-$uniq-underlay
if [ -n "$node_given" ]; then node_ns=$node_given; else node_ns=spt-rt-$uniq-node; fi
node_path=/run/netns/$node_ns
created_ns=()
pod_netns_seen=()

cleaned=0
cleanup() {
  local ns p
  # Once started, cleanup must finish: a second Ctrl-C or TERM would otherwise leave daemons and namespaces.
  trap '' INT TERM
  ((cleaned)) && return 0
  ctrd_teardown "$W/containerd"
  pm_teardown "$W/podman"
  # A runtime that died mid-way can leave its pod netns bind mount behind; only paths it reported to us.
  for p in "${pod_netns_seen[@]}"; do
    [ -e "$p" ] || continue
    umount "$p" 2>/dev/null; rm -f "$p"
  done
  for ns in "${created_ns[@]}"; do ip netns del "$ns" 2>/dev/null; done
  # Cache and default-dataDir IPAM state that libcni / host-local keep under our per-run network names.
  rm -f /var/lib/cni/results/spt-rt-"$uniq"-*
  rm -rf /var/lib/cni/networks/spt-rt-"$uniq"-*
  rt_unmount_under "$W"
  rm -rf "$W"
  cleaned=1
}
trap 'fail interrupted "signal received"; cleanup; write_counts; exit 130' INT TERM
trap 'cleanup' EXIT

mkdir -p "$W"
[ -z "$log_dir" ] || mkdir -p "$log_dir"

# ---- topology: the underlay "switch" and the node (nothing in the root netns) ----
subnet=172.31.253.0/24 gateway=172.31.253.1 node_ip=172.31.253.11 range_start=172.31.253.100 range_end=172.31.253.150
build_topology() {
  ip netns add "$underlay_ns" && created_ns+=("$underlay_ns") || return 1
  ip netns add "$node_ns" && created_ns+=("$node_ns") || return 1
  ip -n "$underlay_ns" link set lo up &&
    ip -n "$underlay_ns" link add br0 type bridge &&
    ip -n "$underlay_ns" addr add "$gateway/24" dev br0 &&
    ip -n "$underlay_ns" link set br0 up &&
    ip -n "$node_ns" link add "$master" type veth peer name p-node netns "$underlay_ns" &&
    ip -n "$underlay_ns" link set p-node master br0 up &&
    ip -n "$node_ns" link set lo up &&
    ip -n "$node_ns" addr add "$node_ip/24" dev "$master" &&
    ip -n "$node_ns" link set "$master" up &&
    ip -n "$node_ns" route add default via "$gateway"
}
# With a given node netns: take node IP and subnet from the master's first IPv4 address and the default gateway
# from its main table; the pod range is .200-.220 of that subnet (IPv4, prefix /24 or shorter).
adopt_topology() {
  local cidr ip prefix n mask net a b c d
  [ -e "$node_path" ] || { echo "no netns $node_ns" >&2; return 1; }
  cidr=$(ip -n "$node_ns" -j -4 addr show dev "$master" | jq -r '.[0].addr_info[0] | "\(.local)/\(.prefixlen)"')
  [[ $cidr =~ ^([0-9.]+)/([0-9]+)$ ]] || { echo "no IPv4 address on $master in $node_ns" >&2; return 1; }
  ip=${BASH_REMATCH[1]} prefix=${BASH_REMATCH[2]}
  ((prefix <= 24)) || { echo "prefix /$prefix too small for a pod range" >&2; return 1; }
  IFS=. read -r a b c d <<<"$ip"; n=$(((a << 24) | (b << 16) | (c << 8) | d))
  mask=$(((0xffffffff << (32 - prefix)) & 0xffffffff)); net=$((n & mask))
  to_ip() { echo "$((($1 >> 24) & 255)).$((($1 >> 16) & 255)).$((($1 >> 8) & 255)).$(($1 & 255))"; }
  node_ip=$ip subnet="$(to_ip $net)/$prefix" range_start=$(to_ip $((net + 200))) range_end=$(to_ip $((net + 220)))
  gateway=$(ip -n "$node_ns" -j -4 route show default | jq -r '.[0].gateway // empty')
}
if [ -n "$node_given" ]; then adopt_topology 2>"$W/topology.err" >&2; else build_topology 2>"$W/topology.err"; fi
topo_rc=$?
if ((topo_rc != 0)) || [ ! -e "$node_path" ]; then
  fail topology "$(tr '\n' ' ' <"$W/topology.err")"; cleanup; write_counts; exit 1
fi
node_inode=$(stat -L -c %i "$node_path")

# ---- the chain ----
rt_make_cni_bin "$W/cni-bin"
if ((with_veth)) && [ ! -x "$W/cni-bin/veth" ]; then
  fail setup "--with-veth: no executable veth in ${SPIDER_BIN_DIR:-$RT_REPO_ROOT/bin} (make build)"; cleanup; write_counts; exit 1
fi
# write_conflist NETWORK DIR LOGFILE: the tested chain as DIR/10-<NETWORK>.conflist, spt-envlog appended.
write_conflist() {
  local net=$1 dir=$2 log=$3 base
  mkdir -p "$dir" "$W/ipam" "$W/veth-state"
  if [ -n "$chain" ]; then
    base=$(cat "$chain")
  else
    base=$(jq -n --arg master "$master" --arg dataDir "$W/ipam" --arg subnet "$subnet" --arg gw "${gateway:-}" \
      --arg first "$range_start" --arg last "$range_end" --argjson veth "$with_veth" --arg cidrs "$veth_cidrs" \
      --arg stateDir "$W/veth-state" --arg vethLog "$W/veth.log" '
      {cniVersion: "1.0.0", plugins: ([
        {type: "macvlan", master: $master, mode: "bridge",
         ipam: {type: "host-local", dataDir: $dataDir,
                ranges: [[{subnet: $subnet, rangeStart: $first, rangeEnd: $last} + (if $gw == "" then {} else {gateway: $gw} end)]],
                routes: [{dst: "0.0.0.0/0"}]}}]
        + (if $veth == 1 then [{type: "veth", cluster_cidr: ($cidrs | split(",")),
                                state_dir: $stateDir, log_options: {log_file: $vethLog}}] else [] end))}')
  fi
  # A conflist the runtime cannot load must stop the test: podman would silently synthesise its default bridge
  # under the same name, containerd would report "cni plugin not initialized".
  jq -e --arg name "$net" --arg log "$log" \
    'if (.plugins | type) == "array" then .name = $name | .plugins += [{type: "spt-envlog", logFile: $log}] else error("no plugins array") end' \
    <<<"$base" >"$dir/10-$net.conflist"
}

# ---- checks shared by both runtimes ----
node_state() { ip netns exec "$node_ns" "$snapshot_tool"; }
pod_has_ip() { nsenter --net="$1" ip -j addr show dev eth0 | jq -e --arg ip "$2" 'any(.[0].addr_info[]; .local == $ip)' >/dev/null; }
pod_pings() { rt_poll 10 nsenter --net="$1" ping -c 1 -W 1 "$2"; }
# chain_added LOG ID: the chain under test (not some default network) ran ADD for this sandbox/container.
chain_added() { jq -e -s --arg id "$2" 'any(.[]; .cmd == "ADD" and .containerId == $id)' "$1" >/dev/null 2>&1; }
calls_in_node_netns() { jq -e -s --arg ns "net:[$node_inode]" 'length > 0 and all(.[]; .ownNetns == $ns)' "$1" >/dev/null; }
node_clean() {
  local why=""
  [ -n "$(ip -n "$node_ns" -o link show | awk -F': ' '{print $2}' | grep -E '^veth' || true)" ] && why+="veth links left: $(ip -n "$node_ns" -o link show | awk -F': ' '{print $2}' | grep -E '^veth' | tr '\n' ' ');"
  [ -n "$(ip -n "$node_ns" route show table 500 2>/dev/null)" ] && why+=" table 500 routes left;"
  [ -n "$(ip -n "$node_ns" -6 route show table 500 2>/dev/null)" ] && why+=" table 500 IPv6 routes left;"
  [ "$(node_state)" = "$1" ] || why+=" node netns state differs: $(diff <(echo "$1") <(node_state) | grep '^[<>]' | head -5 | tr '\n' ' ');"
  [ -e "$2" ] && why+=" pod netns $2 still exists;"
  compgen -G "/var/lib/cni/results/$3-*" >/dev/null && why+=" CNI result cache left for $3;"
  compgen -G "$W/ipam/$3/[0-9a-f]*[.:]*" >/dev/null && why+=" host-local lease left for $3;"
  compgen -G "$W/veth-state/*.json" >/dev/null && why+=" veth state files left: $(cd "$W/veth-state" && echo *.json);"
  [ -z "$why" ] || { echo "$why"; return 1; }
}
summarise_calls() {
  jq -r -s 'map(.cmd + (if .cmd == "DEL" and .netns == "" then "(netns=\"\")" else "" end) + "[" + .caller + "]") | join(" ")' "$1"
}
# veth_on_node POD_NETNS POD_IP: while the pod runs, the veth plugin's objects are where they belong: veth0 in the
# pod, a veth* peer and the table-500 route to the pod IP in the node netns (not in the root netns).
veth_on_node() {
  nsenter --net="$1" ip -o link show dev veth0 >/dev/null 2>&1 || { echo "no veth0 in the pod netns"; return 1; }
  ip -n "$node_ns" -o link show | awk -F': ' '{print $2}' | grep -qE '^veth' || { echo "no veth* host link in the node netns"; return 1; }
  ip -n "$node_ns" route show table 500 | grep -qE "^$2( |$)" || { echo "no table 500 route to $2 in the node netns: $(ip -n "$node_ns" route show table 500 | tr '\n' ';')"; return 1; }
}
# ping_checks RUNTIME NETNS POD_IP: the underlay gateway through macvlan; with veth also the node IP, which macvlan in
# bridge mode cannot reach (its master's own address) and only the veth path makes reachable.
ping_checks() {
  local why
  if ((with_veth)); then
    if why=$(veth_on_node "$2" "$3"); then pass "$1/veth-on-node"; else fail "$1/veth-on-node" "$why"; fi
  fi
  if [ -n "$gateway" ]; then check "$1/ping-gateway" "no reply from $gateway in pod netns $2" pod_pings "$2" "$gateway"; fi
  if ((with_veth)); then check "$1/ping-node" "no reply from node IP $node_ip in pod netns $2" pod_pings "$2" "$node_ip"; fi
  if [ -n "$probe_cmd" ]; then
    if why=$("$probe_cmd" "$1" "$2" "$3" 2>&1); then pass "$1/probes"; else fail "$1/probes" "$(tr '\n' ' ' <<<"$why")"; fi
  fi
}

# ---- containerd ----
test_containerd() {
  local d=$W/containerd net=spt-rt-$uniq-containerd log=$W/containerd-cni.jsonl out id ips netns before why
  CTRD_CRI_CLIENT=$(rt_cri_client_build) || { fail containerd/start "tools/cri-client does not build"; return; }
  write_conflist "$net" "$W/containerd-conf" "$log" || { fail containerd/start "the chain is not a valid conflist"; return; }
  ctrd_setup "$d" "$W/cni-bin" "$W/containerd-conf" >/dev/null
  if ! out=$(ctrd_start "$d" "$node_path" 2>&1); then fail containerd/start "$out"; return; fi
  pass containerd/start
  before=$(node_state)
  if ! out=$(ctrd_cri "$d" --timeout 30 runp "spt-pod-$uniq" "00000000-0000-4000-8000-$(printf '%012x' $$)" spt-rt 2>&1); then
    fail containerd/pod-ip "RunPodSandbox: $out"
  else
    id=$(jq -r .id <<<"$out")
    ips=$(jq -r '.ips[0] // empty' <<<"$out"); netns=$(jq -r '.netns // empty' <<<"$out")
    [ -n "$netns" ] && pod_netns_seen+=("$netns")
    if [ -n "$ips" ] && [ -n "$netns" ] && pod_has_ip "$netns" "$ips" && chain_added "$log" "$id"; then
      pass containerd/pod-ip
      ping_checks containerd "$netns" "$ips"
    else
      fail containerd/pod-ip "status says ip='$ips' netns='$netns'; pod eth0: $(nsenter --net="$netns" ip -br addr show dev eth0 2>&1); chain ADD recorded: $(chain_added "$log" "$id" && echo yes || echo no)"
    fi
    ctrd_cri "$d" stopp "$id" >/dev/null && ctrd_cri "$d" rmp "$id" >/dev/null \
      && pass containerd/remove || fail containerd/remove "StopPodSandbox/RemovePodSandbox failed"
  fi
  if why=$(node_clean "$before" "${netns:-/nonexistent}" "$net"); then pass containerd/node-clean; else fail containerd/node-clean "$why"; fi
  if [ -s "$log" ]; then
    check containerd/cni-in-node-netns "a CNI call ran outside the node netns: $(jq -c -s 'map(.ownNetns) | unique' "$log")" calls_in_node_netns "$log"
    echo "INFO containerd CNI calls: $(summarise_calls "$log")" >&3
  else
    fail containerd/cni-in-node-netns "the chain was never called"
  fi
  [ -z "$log_dir" ] || cp "$log" "$d/containerd.log" "$log_dir/" 2>/dev/null
  [ -z "$log_dir" ] || [ ! -f "$W/veth.log" ] || mv "$W/veth.log" "$log_dir/containerd-veth.log"
  ctrd_teardown "$d"
}

# ---- podman ----
test_podman() {
  local d=$W/podman net=spt-rt-$uniq-podman log=$W/podman-cni.jsonl name=spt-c-$uniq out ips netns before why
  write_conflist "$net" "$W/podman-conf" "$log" || { fail podman/start "the chain is not a valid conflist"; return; }
  pm_setup "$d" "$W/cni-bin" "$W/podman-conf" "$net" "$node_path"
  before=$(node_state)
  if ! out=$(pm_run "$d" "$name" 2>&1); then
    fail podman/pod-ip "podman run: $out"
  else
    out=$(pm_inspect "$d" "$name" 2>&1)
    ips=$(jq -r '.ips[0] // empty' <<<"$out" 2>/dev/null); netns=$(jq -r '.netns // empty' <<<"$out" 2>/dev/null)
    [ -n "$netns" ] && pod_netns_seen+=("$netns")
    if [ -n "$ips" ] && [ -n "$netns" ] && pod_has_ip "$netns" "$ips" && chain_added "$log" "$(jq -r .id <<<"$out")"; then
      pass podman/pod-ip
      ping_checks podman "$netns" "$ips"
    else
      fail podman/pod-ip "inspect: $out; chain ADD recorded: $(chain_added "$log" "$(jq -r .id <<<"$out" 2>/dev/null)" && echo yes || echo no)"
    fi
    out=$(pm_rm "$d" "$name" 2>&1) && pass podman/remove || fail podman/remove "podman rm: $out"
  fi
  if why=$(node_clean "$before" "${netns:-/nonexistent}" "$net"); then pass podman/node-clean; else fail podman/node-clean "$why"; fi
  if [ -s "$log" ]; then
    check podman/cni-in-node-netns "a CNI call ran outside the node netns: $(jq -c -s 'map(.ownNetns) | unique' "$log")" calls_in_node_netns "$log"
    echo "INFO podman CNI calls: $(summarise_calls "$log")" >&3
  else
    fail podman/cni-in-node-netns "the chain was never called"
  fi
  [ -z "$log_dir" ] || { cp "$log" "$log_dir/"; cp "$d/events.log" "$log_dir/podman-events.log"; } 2>/dev/null
  [ -z "$log_dir" ] || [ ! -f "$W/veth.log" ] || mv "$W/veth.log" "$log_dir/podman-veth.log"
  pm_teardown "$d"
}

for rt in $runtimes; do
  case $rt in
    containerd) test_containerd ;;
    podman) test_podman ;;
    *) fail "$rt" "unknown runtime" ;;
  esac
done

cleanup
leftover=$( (ip netns list | awk '{print $1}' | grep -F "spt-rt-$uniq-" ; rt_pids_mentioning "$W/" 'containerd.*|conmon|podman|runc'; [ -e "$W" ] && echo "$W") 2>/dev/null || true)
check no-leftovers "left behind: $(echo $leftover)" test -z "$leftover"
root_after=$("$snapshot_tool")
check rootns-unchanged "$(diff <(echo "$root_before") <(echo "$root_after") | grep '^[<>]' | head -5 | tr '\n' ' ')" test "$root_before" = "$root_after"
write_counts
echo "$passed passed, $failed failed" >&3
((failed == 0))
