#!/usr/bin/env bash
# End-to-end suite: our veth plugin, exec'd the way a runtime does (chained after Debian's macvlan + host-local,
# inside a node namespace), judged by real traffic and by the kernel state it leaves behind.
#
#   testbed/e2e.sh [--counts FILE] [--only REGEX] [--verbose] [--keep]
#
# Prints one line per test, `PASS <name>` or `FAIL <name>: <why>`, then "N passed, N failed"; writes
# "<passed> <failed>" to FILE. Safe to run concurrently (all objects are per-run: namespaces spt-<suffix>-*,
# work dir, nftables tables inside those namespaces) and cleans up on any exit.
# Environment: SPIDER_BIN_DIR (default <repo>/bin), TB_VERBOSE=1, TB_KEEP=1.
set -uo pipefail
# shellcheck source=lib/all.sh
. "$(dirname "$0")/lib/all.sh"

counts="" only="" show_tables=""
while (($#)); do
  case $1 in
    --counts) counts=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --verbose) export TB_VERBOSE=1; show_tables=1; shift ;;
    --keep) export TB_KEEP=1; shift ;;
    -h | --help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "e2e: unknown argument $1" >&2; exit 2 ;;
  esac
done

PASSED=0 FAILED=0 TEST_NO=0
WHY=""

# Written on every exit path, so a crash still reports what ran.
write_counts() { [ -n "$counts" ] && printf '%s %s\n' "$PASSED" "$FAILED" >"$counts"; return 0; }

tb_init
# An interrupted or crashed run must not look green to the caller: it counts as one more failure.
COMPLETED=0
tb_before_teardown() {
  if [ "$COMPLETED" != 1 ]; then echo "FAIL e2e/run: interrupted or aborted after $((PASSED + FAILED)) tests"; FAILED=$((FAILED + 1)); fi
  write_counts
}
started=$(date +%s)
tb_up

# ---------------------------------------------------------------------------------------------------------------
# harness

PLUGIN_OK=0 PLUGIN_WHY=""
if supported=$(tb_cni_supported veth 2>/dev/null); then
  PLUGIN_OK=1
else
  PLUGIN_WHY="plugin $SPIDER_BIN_DIR/veth does not answer VERSION (not built, or broken)"
fi
need_plugin() { [ "$PLUGIN_OK" = 1 ] || { WHY=$PLUGIN_WHY; return 1; }; }

# Pods made by the running test, removed (DEL first) when it ends, whatever happened.
TEST_PODS=()
# new_pod VAR NAME: creates pod t<test#><NAME> and stores its role in VAR (no subshell: TEST_PODS must grow).
new_pod() {
  local role="t${TEST_NO}$2"
  TEST_PODS+=("$role")
  printf -v "$1" '%s' "$role"
  tb_pod_new "$role" || { WHY="could not create pod netns $role"; return 1; }
}
cleanup_test() {
  local role
  for role in "${TEST_PODS[@]}"; do
    while grep -qF "$role|" "$TB_WORK/attached" 2>/dev/null; do
      local ifname
      ifname=$(grep -F "$role|" "$TB_WORK/attached" | tail -n1 | cut -d'|' -f2)
      tb_detach "$role" "$ifname" >/dev/null 2>&1 || {
        grep -vF "$role|$ifname|" "$TB_WORK/attached" >"$TB_WORK/attached.new"; mv "$TB_WORK/attached.new" "$TB_WORK/attached"; }
    done
    tb_pod_del "$role"
  done
  TEST_PODS=()
}

# run_test NAME FUNCTION ARGS...: one test; FUNCTION returns non-zero and sets WHY on failure.
run_test() {
  local name=$1; shift
  if [ -n "$only" ] && ! [[ $name =~ $only ]]; then return 0; fi
  TEST_NO=$((TEST_NO + 1)) WHY=""
  tb_debug "running $name"
  if "$@"; then
    echo "PASS $name"; PASSED=$((PASSED + 1))
  else
    echo "FAIL $name: ${WHY:-no reason given}"; FAILED=$((FAILED + 1))
  fi
  cleanup_test
}

# attach ROLE IFNAME CONFLIST [CNI_ARGS]: ADD with the pod's container ID, or fail the test with the plugin's error.
attach() {
  tb_attach "$1" "$2" "$3" "$(tb_pod_cid "$1")" "${4:-}" || { WHY="ADD $1/$2 failed: $TB_LAST_ERROR"; return 1; }
}
detach() { tb_detach "$@" || { WHY="DEL $1/$2 failed: $TB_LAST_ERROR"; return 1; }; }

conflist() { local out="$TB_WORK/conf/t$TEST_NO-$1.json"; shift; tb_conflist "$out" "$@" && printf '%s' "$out"; }

# expect_probe FROM KIND TARGET [PORT TOKEN]: a probe that must succeed; failures accumulate in PROBE_BAD.
PROBE_BAD=""
expect_probe() {
  tb_probe "$1" "$2" "$3" "${4:-}" "${5:-}" || PROBE_BAD+="$1->$3${4:+:$4}($2) "
}
probes_ok() { [ -z "$PROBE_BAD" ] || { WHY="unreachable: ${PROBE_BAD% }"; PROBE_BAD=""; return 1; }; }

fams_of() { case $1 in 4) echo 4 ;; 6) echo 6 ;; dual) echo "4 6" ;; esac; }

# Node-side objects a veth attachment may create; after DEL none may remain.
node_veths() { tb_ip node -o link show type veth | awk -F': ' '{print $2}' | cut -d@ -f1 | grep '^veth' || true; }
node_table500() { { tb_ip node route show table 500; tb_ip node -6 route show table 500; } 2>/dev/null; }
node_rules() { tb_ip node rule show; tb_ip node -6 rule show; }
node_state_files() { find "$TB_WORK/state" -type f ! -name '*.lock' 2>/dev/null; }
node_permanent_neigh() { tb_ip node neigh show nud permanent; tb_ip node -6 neigh show nud permanent; }
BASE_RULES=$(node_rules)

# node_clean: nothing of ours left in the node netns (WHY says what is left).
node_clean() {
  local left="" x
  x=$(node_veths); [ -n "$x" ] && left+="host veths: $(echo $x); "
  x=$(node_table500); [ -n "$x" ] && left+="table 500: $(echo $x); "
  x=$(diff <(echo "$BASE_RULES") <(node_rules) | grep '^>' | sed 's/^> //'); [ -n "$x" ] && left+="rules: $(echo $x); "
  x=$(node_permanent_neigh); [ -n "$x" ] && left+="permanent neighbours: $(echo $x); "
  x=$(node_state_files); [ -n "$x" ] && left+="state files: $(echo $x | sed "s|$TB_WORK/state/||g"); "
  [ -z "$left" ] || { WHY="left in the node after DEL: ${left%; }"; return 1; }
}

# ---------------------------------------------------------------------------------------------------------------
# tests

# The world itself: routing between the LANs, the overlay pod, and the ClusterIP emulation from the node.
t_topology() {
  local fam
  for fam in 4 6; do
    local gw=UL0_GW$fam far=FAR_IP$fam ext=EXT_IP$fam ovl=OVL_IP$fam tcp=SVC_TCP$fam udp=SVC_UDP$fam
    expect_probe ext ping "${!gw}"
    expect_probe ext ping "${!far}"
    expect_probe ext2 ping "${!ext}"
    expect_probe node ping "${!ovl}"
    expect_probe node tcp "${!tcp}" 80 ovl1
    expect_probe node udp "${!udp}" 53 ovl1
  done
  probes_ok
}

t_version() {
  need_plugin || return 1
  local v missing=""
  for v in 0.3.1 0.4.0 1.0.0 1.1.0; do [[ " $supported " == *" $v "* ]] || missing+="$v "; done
  [ -z "$missing" ] || { WHY="supportedVersions lacks ${missing% } (has: $supported)"; return 1; }
}

# matrix_family FAMILY: the matrix without, then with, the plugin; two test results.
matrix_family() {
  local fam=$1 column list a b result=() why=()
  for column in without with; do
    if [ "$column" = with ] && [ "$PLUGIN_OK" != 1 ]; then result+=(fail); why+=("$PLUGIN_WHY"); continue; fi
    WHY=""
    if ! list=$(conflist "$column" family="$fam" plugin="$([ "$column" = with ] && echo veth || echo none)"); then
      result+=(fail); why+=("conflist"); continue
    fi
    new_pod a a && new_pod b b || { result+=(fail); why+=("$WHY"); cleanup_test; continue; }
    if attach "$b" eth0 "$list" && attach "$a" eth0 "$list"; then
      tb_set_underlay_svc "$(tb_pod_ip "$b" eth0 4)" "$(tb_pod_ip "$b" eth0 6)"
      # shellcheck disable=SC2046
      tb_matrix_cells "$a" "$b" $(fams_of "$fam") >"$TB_WORK/cells-$fam"
      tb_matrix_run "$column-$fam" "$TB_WORK/cells-$fam"
      if tb_matrix_check "$TB_WORK/cells-$fam" "$column-$fam"; then
        result+=(ok); why+=("")
      else
        result+=(fail); why+=("cells not as expected (id=result): $TB_MATRIX_BAD")
      fi
      detach "$a" eth0 && detach "$b" eth0 || { result[-1]=fail; why[-1]+=" $WHY"; }
    else
      result+=(fail); why+=("$WHY")
    fi
    cleanup_test
  done
  MATRIX_RESULT=("${result[@]}") MATRIX_WHY=("${why[@]}")
  if [ -n "$show_tables" ] || [ "${result[*]}" != "ok ok" ]; then
    [ -s "$TB_WORK/cells-$fam" ] && tb_matrix_table "$TB_WORK/cells-$fam" "without-$fam" "with-$fam" | sed 's/^/    /'
  fi
}
matrix_result() { [ "${MATRIX_RESULT[$1]}" = ok ] || { WHY=${MATRIX_WHY[$1]}; return 1; }; }

# One cniVersion end to end: result version, traffic both ways, CHECK (>= 0.4.0), DEL (0.3.1: no prevResult).
t_cni_version() {
  need_plugin || return 1
  local v=$1 list p result fam ip
  list=$(conflist v family=dual version="$v") || return 1
  new_pod p p || return 1
  attach "$p" eth0 "$list" || return 1
  result=$(jq -r .cniVersion "$TB_WORK/result-$p-eth0.json")
  [ "$result" = "$v" ] || { WHY="result cniVersion is $result"; return 1; }
  for fam in 4 6; do
    ip=$(tb_pod_ip "$p" eth0 "$fam")
    [ -n "$ip" ] || { WHY="no IPv$fam address in the result"; return 1; }
    local tcp=SVC_TCP$fam node=NODE_IP$fam
    expect_probe "$p" tcp "${!tcp}" 80 ovl1
    expect_probe "$p" ping "${!node}"
    expect_probe node ping "$ip"
    expect_probe ext ping "$ip"
  done
  probes_ok || return 1
  if tb_cni_del_has_prev "$v"; then
    local line cid args out
    line=$(grep -F "$p|eth0|" "$TB_WORK/attached" | tail -n1)
    IFS='|' read -r _ _ _ cid args <<<"$line"
    out=$(tb_cni_check "$list" "$cid" "$(tb_ns "$p")" eth0 "$args") || { WHY="CHECK failed: $(jq -r .msg <<<"$out" 2>/dev/null || echo "$out")"; return 1; }
  fi
  detach "$p" eth0 || return 1
  node_clean
}

# The spidernet-io/cni-plugins schema (overlay_hijack_subnet/service_hijack_subnet, mac_prefix).
t_schema_cni_plugins() {
  need_plugin || return 1
  local list p ip mac
  list=$(conflist hijack family=4 plugin=veth-hijack extra='"mac_prefix": "0a:1b"') || return 1
  new_pod p p || return 1
  attach "$p" eth0 "$list" || return 1
  ip=$(tb_pod_ip "$p" eth0 4)
  expect_probe "$p" tcp "$SVC_TCP4" 80 ovl1
  expect_probe "$p" udp "$SVC_UDP4" 53 ovl1
  expect_probe "$p" ping "$OVL_IP4"
  expect_probe "$p" ping "$NODE_IP4"
  expect_probe node ping "$ip"
  expect_probe ext ping "$ip"
  probes_ok || return 1
  mac=$(tb_ip "$p" -j link show eth0 | jq -r '.[0].address')
  [ "$mac" = "$(mac_for 0a:1b "$ip")" ] || { WHY="eth0 MAC $mac, expected $(mac_for 0a:1b "$ip") from mac_prefix"; return 1; }
  detach "$p" eth0 || return 1
  node_clean
}

# The MAC the plugin must give an interface: prefix + IPv4 bytes, or prefix + last 4 bytes of an IPv6 address.
mac_for() {
  local prefix=$1 ip=$2
  if [[ $ip == *:* ]]; then
    local hex
    hex=$(expand_v6_tail "$ip")
    printf '%s:%s:%s:%s:%s' "$prefix" "${hex:0:2}" "${hex:2:2}" "${hex:4:2}" "${hex:6:2}"
  else
    local IFS=.
    # shellcheck disable=SC2086
    set -- $ip
    printf '%s:%02x:%02x:%02x:%02x' "$prefix" "$1" "$2" "$3" "$4"
  fi
}
# Last 32 bits of an IPv6 address as 8 hex digits.
expand_v6_tail() {
  local ip=$1 head tail groups=() g n
  if [[ $ip == *::* ]]; then head=${ip%%::*} tail=${ip#*::}; else head=$ip tail=""; fi
  local h=() t=()
  IFS=: read -ra h <<<"$head"
  IFS=: read -ra t <<<"$tail"
  n=$((8 - ${#h[@]} - ${#t[@]}))
  groups=("${h[@]}")
  for ((g = 0; g < n; g++)); do groups+=(0); done
  groups+=("${t[@]}")
  printf '%04x%04x' "0x${groups[6]:-0}" "0x${groups[7]:-0}"
}

# MAC prefix: the MAC follows the IP, so when a new pod reuses the IP the external client's neighbour entry is
# already right and traffic works at once.
t_mac_prefix() {
  need_plugin || return 1
  local fam=$1 list ip a mac want ext_neigh pod
  list=$(conflist mac family="$fam" extra='"hardware_prefix": "0a:1b"') || return 1
  if [ "$fam" = 4 ]; then ip=${UL0_POOL4[1]}; else ip=${UL0_POOL6[1]}; fi
  want=$(mac_for 0a:1b "$ip")
  for pod in first second; do
    new_pod a "$pod" || return 1
    attach "$a" eth0 "$list" "IP=$ip" || return 1
    [ "$(tb_pod_ip "$a" eth0 "$fam")" = "$ip" ] || { WHY="host-local did not hand out the requested $ip"; return 1; }
    mac=$(tb_ip "$a" -j link show eth0 | jq -r '.[0].address')
    [ "$mac" = "$want" ] || { WHY="$pod pod: eth0 MAC $mac, expected $want"; return 1; }
    TB_PROBE_TRIES=1 expect_probe ext ping "$ip"
    expect_probe node ping "$ip"
    probes_ok || { WHY="$pod pod: $WHY"; return 1; }
    ext_neigh=$(tb_ip ext neigh show "$ip" dev eth0 | awk '{for (i = 1; i < NF; i++) if ($i == "lladdr") print $(i + 1)}')
    [ "$ext_neigh" = "$want" ] || { WHY="$pod pod: external client's neighbour entry for $ip is '$ext_neigh', pod has $want"; return 1; }
    detach "$a" eth0 || return 1
    tb_pod_del "$a"
  done
  node_clean
}

# Two NICs (eth0 on br0, net1 on br1, each macvlan chained with its own veth entry): each answers from its own
# network, replies leave by the NIC the request came in on (the underlay router drops anything else), and the
# main default route stays on eth0.
t_two_nic() {
  local fam=$1 with=$2 e0 n1 p f eip nip dev drops_before drops_after defaults
  [ "$with" = veth ] && { need_plugin || return 1; }
  e0=$(conflist eth0 net=ul0 family="$fam" plugin="$with") && n1=$(conflist net1 net=ul1 family="$fam" plugin="$with") || return 1
  new_pod p p || return 1
  attach "$p" eth0 "$e0" && attach "$p" net1 "$n1" || return 1
  defaults=$( { tb_ip "$p" route show default; tb_ip "$p" -6 route show default; } | tr '\n' ' ')
  if [ "$with" = none ]; then
    # the premise of the test: without the plugin net1 competes for the main default route
    [[ $defaults == *"dev net1"* ]] || { WHY="expected a default via net1 in main without the plugin: $defaults"; return 1; }
    return 0
  fi
  [[ $defaults == *"dev net1"* ]] && { WHY="main default route still uses net1: $defaults"; return 1; }
  [[ $defaults == *"dev eth0"* ]] || { WHY="main default route lost eth0: $defaults"; return 1; }
  drops_before=$(tb_urpf_drops)
  for f in $(fams_of "$fam"); do
    local far=FAR_IP$f tcp=SVC_TCP$f
    eip=$(tb_pod_ip "$p" eth0 "$f") nip=$(tb_pod_ip "$p" net1 "$f")
    for pair in "eth0 $eip" "net1 $nip"; do
      set -- $pair
      dev=$(tb_ip "$p" -o route get "${!far}" from "$2" | grep -o ' dev [^ ]*' | head -n1 | cut -d' ' -f3)
      [ "$dev" = "$1" ] || { WHY="reply from $2 to ${!far} would leave by '$dev', not $1"; return 1; }
    done
    TB_PROBE_TRIES=1 expect_probe far ping "$eip"
    TB_PROBE_TRIES=1 expect_probe far ping "$nip"
    TB_PROBE_TRIES=1 expect_probe far tcp "$nip" "$TB_TCP_PORT" "$p"
    expect_probe ext ping "$eip"
    local ext2=EXT2_IP$f
    expect_probe ext2 ping "$nip"
    expect_probe "$p" ping "${!ext2}"
    expect_probe "$p" tcp "${!tcp}" 80 ovl1
    expect_probe node ping "$eip"
    expect_probe node ping "$nip"
  done
  probes_ok || return 1
  drops_after=$(tb_urpf_drops)
  [ "$drops_after" = "$drops_before" ] || { WHY="the underlay router dropped $((drops_after - drops_before)) packet(s) that left the pod by the wrong NIC"; return 1; }
  detach "$p" net1 && detach "$p" eth0 || return 1
  node_clean
}

# A repeated ADD of our plugin (same container, same prevResult: a runtime retry) converges to the same state
# and result; a repeated DEL succeeds.
t_idempotent() {
  need_plugin || return 1
  local list p before after pod_before pod_after
  list=$(conflist idem family=dual) || return 1
  new_pod p p || return 1
  attach "$p" eth0 "$list" || return 1
  snapshot() {
    { tb_ip node -o link show | grep -o 'veth[^:@]*' | sort; node_table500; node_rules; node_permanent_neigh | sort; }
  }
  pod_snapshot() {
    { tb_ip "$p" -o link show | sed -E 's/^[0-9]+: //; s/ state [A-Z]+//' | sort; tb_ip "$p" route; tb_ip "$p" -6 route
      tb_ip "$p" rule; tb_ip "$p" -6 rule; tb_ip "$p" neigh show nud permanent | sort; tb_ip "$p" -6 neigh show nud permanent | sort; }
  }
  before=$(snapshot) pod_before=$(pod_snapshot)
  tb_readd "$p" eth0 1 || { WHY="second ADD of veth failed: $TB_LAST_ERROR"; return 1; }
  [ "$(jq -cS . <<<"$TB_LAST_RESULT")" = "$(jq -cS . "$TB_WORK/result-$p-eth0.json")" ] ||
    { WHY="second ADD printed another result: $TB_LAST_RESULT"; return 1; }
  after=$(snapshot) pod_after=$(pod_snapshot)
  [ "$before" = "$after" ] || { WHY="node state changed on the second ADD: $(diff <(echo "$before") <(echo "$after") | grep '^[<>]' | tr '\n' ' ')"; return 1; }
  [ "$pod_before" = "$pod_after" ] || { WHY="pod state changed on the second ADD: $(diff <(echo "$pod_before") <(echo "$pod_after") | grep '^[<>]' | tr '\n' ' ')"; return 1; }
  expect_probe node ping "$(tb_pod_ip "$p" eth0 4)"
  expect_probe node ping "$(tb_pod_ip "$p" eth0 6)"
  expect_probe "$p" tcp "$SVC_TCP4" 80 ovl1
  probes_ok || return 1
  # DEL twice: the second must succeed although everything is gone
  local line list_ cid args out
  line=$(grep -F "$p|eth0|" "$TB_WORK/attached" | tail -n1)
  IFS='|' read -r _ _ list_ cid args <<<"$line"
  detach "$p" eth0 || return 1
  out=$(tb_cni_del "$list_" "$cid" "$(tb_ns "$p")" eth0 "$args") || { WHY="second DEL failed: $(jq -r .msg <<<"$out" 2>/dev/null || echo "$out")"; return 1; }
  node_clean
}

# DEL after the pod's netns is gone: containerd's second DEL (empty CNI_NETNS) and a DEL with a dangling path.
t_del_netns_gone() {
  need_plugin || return 1
  local list p q
  list=$(conflist gone family=dual) || return 1
  new_pod p p && new_pod q q || return 1
  attach "$p" eth0 "$list" && attach "$q" eth0 "$list" || return 1
  [ "$(node_veths | wc -l)" = 2 ] || { WHY="expected 2 host veths after ADD, found: $(node_veths | tr '\n' ' ')"; return 1; }
  tb_pod_del "$p"; tb_pod_del "$q"
  tb_detach "$p" eth0 gone || { WHY="DEL with empty CNI_NETNS failed: $TB_LAST_ERROR"; return 1; }
  tb_detach "$q" eth0 || { WHY="DEL with a netns path that no longer exists failed: $TB_LAST_ERROR"; return 1; }
  node_clean
}

# A pod is recreated with the same IP while the old attachment was never deleted (its netns vanished); the
# runtime's late DEL of the old container must not break the new pod.
t_ip_reuse_late_del() {
  need_plugin || return 1
  local list list2 old new ip
  # the new pod's IPAM is another pool holding the same address: the IP was released centrally, not by a DEL
  list=$(conflist reuse family=4) && list2=$(conflist reuse2 family=4 ipam=reuse2) || return 1
  ip=${UL0_POOL4[1]}
  new_pod old old || return 1
  attach "$old" eth0 "$list" "IP=$ip" || return 1
  tb_pod_del "$old"
  new_pod new new || return 1
  attach "$new" eth0 "$list2" "IP=$ip" || return 1
  expect_probe node ping "$ip"
  expect_probe "$new" tcp "$SVC_TCP4" 80 ovl1
  probes_ok || { WHY="new pod: $WHY"; return 1; }
  tb_detach "$old" eth0 gone || { WHY="late DEL of the old container failed: $TB_LAST_ERROR"; return 1; }
  expect_probe node ping "$ip"
  expect_probe node tcp "$ip" "$TB_TCP_PORT" "$new"
  expect_probe "$new" tcp "$SVC_TCP4" 80 ovl1
  probes_ok || { WHY="after the old container's late DEL: $WHY"; return 1; }
  detach "$new" eth0 || return 1
  node_clean
}

# Several pods attached and deleted: the node returns to exactly its state before.
t_del_clean() {
  need_plugin || return 1
  local list n1 pods=() p pod_a pod_b pod_c
  list=$(conflist clean family=dual) && n1=$(conflist clean1 net=ul1 family=dual) || return 1
  for p in a b c; do new_pod "pod_$p" "$p" || return 1; done
  pods=("$pod_a" "$pod_b" "$pod_c")
  for p in "${pods[@]}"; do attach "$p" eth0 "$list" || return 1; done
  attach "${pods[2]}" net1 "$n1" || return 1
  [ -n "$(node_veths)" ] || { WHY="no host veth in the node after ADD"; return 1; }
  [ -n "$(node_table500)" ] || { WHY="no table-500 route in the node after ADD"; return 1; }
  detach "${pods[2]}" net1 || return 1
  for p in "${pods[@]}"; do detach "$p" eth0 || return 1; done
  node_clean
}

# ---------------------------------------------------------------------------------------------------------------
# the run

# The pods of real runtimes on this node: containerd (CRI API) and podman run a pod through macvlan + host-local +
# veth inside the testbed's node namespace, and the IPv4 matrix is probed from and to that pod.
t_runtimes() {
  need_plugin || return 1
  local counts=$TB_WORK/runtimes.counts out p f
  export TB_X TB_NS_PREFIX
  out=$("$TB_DIR/runtimes/selftest.sh" --counts "$counts" --node-netns "$(tb_ns node)" --master ens192 --with-veth \
    --veth-cidrs "$CLUSTER_CIDR4,$SERVICE_CIDR4" --probe-cmd "$TB_DIR/runtime-pod-probes.sh" --no-deps \
    ${TB_KEEP:+--log-dir "$TB_WORK/runtimes"} 2>&1)
  [ -f "$counts" ] || { WHY="the runtime suite wrote no counts: $(tail -n 3 <<<"$out" | tr '\n' ' ')"; return 1; }
  read -r p f <"$counts"
  ((f == 0 && p > 0)) || { WHY="$(grep '^FAIL' <<<"$out" | tr '\n' ' ')"; return 1; }
  node_clean
}

run_test testbed/topology t_topology
run_test plugin/version t_version
for fam in 4 6 dual; do
  name=v$fam; [ "$fam" = dual ] && name=dual
  if [ -z "$only" ] || [[ matrix/without/$name =~ $only ]] || [[ matrix/with/$name =~ $only ]]; then
    TEST_NO=$((TEST_NO + 1))
    matrix_family "$fam"
    run_test "matrix/without/$name" matrix_result 0
    run_test "matrix/with/$name" matrix_result 1
  fi
done
for v in 0.3.1 0.4.0 1.0.0 1.1.0; do run_test "cni-version/$v" t_cni_version "$v"; done
run_test schema/cni-plugins t_schema_cni_plugins
run_test two-nic/without/dual t_two_nic dual none
run_test two-nic/v4 t_two_nic 4 veth
run_test two-nic/v6 t_two_nic 6 veth
run_test two-nic/dual t_two_nic dual veth
run_test mac-prefix/v4 t_mac_prefix 4
run_test mac-prefix/v6 t_mac_prefix 6
run_test idempotent/add-twice-del-twice t_idempotent
run_test del/netns-gone t_del_netns_gone
run_test del/ip-reuse-late-del t_ip_reuse_late_del
run_test del/leaves-node-clean t_del_clean
run_test runtimes/containerd-and-podman t_runtimes

echo "e2e: $((PASSED + FAILED)) tests in $(($(date +%s) - started)) s (plugin: $SPIDER_BIN_DIR/veth)"
echo "$PASSED passed, $FAILED failed"
COMPLETED=1
write_counts
[ "$FAILED" = 0 ]
