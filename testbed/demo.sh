#!/usr/bin/env bash
# `make demo`: the veth plugin proven on a namespace testbed.
#
# Builds a node (namespaces only), attaches two dual-stack macvlan pods the way a runtime would, first with
# macvlan alone, then with macvlan chained with our veth plugin, probes the same connectivity matrix each time
# and prints both side by side. Exits 0 only if every cell works with the plugin.
# Environment: SPIDER_BIN_DIR (default <repo>/bin), TB_KEEP=1 keeps the work dir, TB_VERBOSE=1.
set -uo pipefail
# shellcheck source=lib/all.sh
. "$(dirname "$0")/lib/all.sh"

tb_init
tb_up
started=$(date +%s)

cat <<EOF

spider-plugins demo: underlay (macvlan) pods on a Kubernetes node, without and with the veth plugin
  node $(tb_ns node): ens192 $NODE_IP4 $NODE_IP6, ens224 $NODE_IP4_B $NODE_IP6_B
  overlay pod ovl1 $OVL_IP4 $OVL_IP6 (calico-like), ClusterIPs $SVC_TCP4 tcp, $SVC_UDP4 udp, $SVC_UL4 tcp -> u2
  underlay pods u1, u2: macvlan on ens192 (bridge mode), host-local $UL0_NET4 + $UL0_NET6
  plugin: $SPIDER_BIN_DIR/veth
EOF

plugin_ok=1
if ! tb_cni_supported veth >/dev/null 2>&1; then
  plugin_ok=0
  echo "  !! $SPIDER_BIN_DIR/veth does not answer VERSION: the 'with' column cannot be produced"
fi

tb_conflist "$TB_WORK/conf/without.json" plugin=none family=dual || exit 1
tb_conflist "$TB_WORK/conf/with.json" plugin=veth family=dual || exit 1
tb_pod_new u1 && tb_pod_new u2 || tb_die "could not start the pods"

# run_phase COLUMN CONFLIST: attach u1 and u2, point the underlay Service at u2, probe, detach.
run_phase() {
  local column=$1 list=$2 pod
  for pod in u2 u1; do
    if ! tb_attach "$pod" eth0 "$list" "$(tb_new_cid)"; then
      echo "  !! ADD of $pod ($column) failed: $TB_LAST_ERROR"
      return 1
    fi
  done
  tb_set_underlay_svc "$(tb_pod_ip u2 eth0 4)" "$(tb_pod_ip u2 eth0 6)"
  tb_matrix_cells u1 u2 4 6 >"$TB_WORK/cells-$column"
  printf '  %-8s u1 %s %s, u2 %s %s\n' "$column:" "$(tb_pod_ip u1 eth0 4)" "$(tb_pod_ip u1 eth0 6)" \
    "$(tb_pod_ip u2 eth0 4)" "$(tb_pod_ip u2 eth0 6)"
  tb_matrix_run "$column" "$TB_WORK/cells-$column"
  for pod in u1 u2; do
    tb_detach "$pod" eth0 || echo "  !! DEL of $pod ($column) failed: $TB_LAST_ERROR"
  done
}

echo
echo "pod addresses"
run_phase without "$TB_WORK/conf/without.json"
with_ok=0
if [ "$plugin_ok" = 1 ]; then
  run_phase with "$TB_WORK/conf/with.json" && with_ok=1
fi

cells="$TB_WORK/cells-with"
[ -s "$cells" ] || cells="$TB_WORK/cells-without"
echo
echo "connectivity (✓ works, ✗ fails, ! differs from what is expected; addresses of the 'with' run)"
tb_matrix_table "$cells" without with

broken=0 fixed=0 kept=0 kept_ok=0
while IFS='|' read -r id _ _ _ _ _ expect _; do
  w=$(tb_cell_result with "$id")
  if [ "$expect" = fixed ]; then
    broken=$((broken + 1)); [ "$w" = ok ] && fixed=$((fixed + 1))
  else
    kept=$((kept + 1)); [ "$w" = ok ] && kept_ok=$((kept_ok + 1))
  fi
done <"$cells"

echo
if tb_matrix_check "$cells" without; then
  echo "without the plugin: exactly the failures users report (ClusterIP, node and overlay pods unreachable)"
else
  echo "without the plugin: unexpected results in the testbed itself: $TB_MATRIX_BAD"
fi
echo "with the plugin: fixed $fixed of $broken broken cells, $kept_ok of $kept working cells still work" \
  "($(($(date +%s) - started)) s)"
if [ "$with_ok" = 1 ] && tb_matrix_check "$cells" with; then
  echo "demo: PASS"
  exit 0
fi
[ -n "${TB_MATRIX_BAD:-}" ] && [ "$with_ok" = 1 ] && echo "still failing with the plugin: $TB_MATRIX_BAD"
echo "demo: FAIL (plugin log: ${TB_KEEP:+$TB_WORK/veth.log}${TB_KEEP:-rerun with TB_KEEP=1 to keep it})"
exit 1
