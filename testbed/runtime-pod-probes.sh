#!/usr/bin/env bash
# runtime-pod-probes.sh RUNTIME NETNS_PATH POD_IP: the testbed's IPv4 matrix for a pod that a real runtime
# (containerd, podman) created on the testbed node through our chain. Called by testbed/runtimes/selftest.sh
# (--probe-cmd) from the end-to-end suite, with the testbed's TB_* variables in the environment.
# Prints the cells that failed and exits 1 if any did.
set -uo pipefail
runtime=$1 netns=$2 pod_ip=$3
# shellcheck source=lib/all.sh
. "$(dirname "$0")/lib/all.sh"
[ -n "${TB_NS_PREFIX:-}" ] && [ -n "${TB_X:-}" ] || { echo "no testbed in the environment (TB_NS_PREFIX, TB_X)"; exit 1; }
tb_addressing

# The runtime's netns lives in /run/netns under its own name; a link with a role name lets the testbed's probes
# (ip netns exec <role>) reach it. It is ours, so it goes on every exit.
role=rt-$runtime
link=/var/run/netns/$(tb_ns "$role")
ln -sfn "$netns" "$link" || { echo "cannot link $netns as $link"; exit 1; }
trap 'rm -f "$link"' EXIT

bad=()
probe() { tb_probe "$1" "$2" "$3" "${4:-}" "${5:-}" || bad+=("$1->$3${4:+:$4}($2)"); }
probe "$role" tcp "$SVC_TCP4" 80 ovl1
probe "$role" udp "$SVC_UDP4" 53 ovl1
probe "$role" ping "$OVL_IP4"
probe "$role" ping "$NODE_IP4"
probe "$role" ping "$NODE_IP4_B"
probe "$role" ping "$EXT_IP4"
probe node ping "$pod_ip"
probe ovl1 ping "$pod_ip"
probe ext ping "$pod_ip"
if ((${#bad[@]})); then echo "failed: ${bad[*]}"; exit 1; fi
exit 0
