#!/usr/bin/env bash
# `make bench`: our veth plugin against Debian's Go CNI plugins, all in one run, on a throwaway namespace node.
#   1. VERSION: bin/veth vs Go macvlan (plus tuning, sbr) - hyperfine -N for time, /usr/bin/time %M for peak RSS.
#   2. veth ADD/CHECK/DEL and Go tuning/sbr ADD/DEL on a fresh dual-stack macvlan per call, timed by the harness
#      (posix_spawn..wait4, peak RSS from wait4's rusage) from inside the node namespace.
#   3. The chain macvlan+host-local+veth vs macvlan+host-local through bench/chain.sh.
# Results: bench-results/<UTC timestamp>/{results.json,latency.svg,summary.txt,...}. Namespaces are
# spt-bn-<id>-{sw,node,pod}; all are removed on exit, whatever happens. The root namespace is never modified.
# Knobs: BENCH_ITERATIONS (100), BENCH_CHAIN_ITERATIONS (50), BENCH_VERSION_RUNS (200), BENCH_RSS_RUNS (21).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
iterations=${BENCH_ITERATIONS:-100}
chain_iterations=${BENCH_CHAIN_ITERATIONS:-50}
version_runs=${BENCH_VERSION_RUNS:-200}
rss_runs=${BENCH_RSS_RUNS:-21}
go=/usr/lib/cni
veth=$root/bin/veth

for tool in hyperfine /usr/bin/time ip dotnet; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (make deps)" >&2; exit 1; }
done
for p in macvlan host-local tuning sbr; do
  [[ -x $go/$p ]] || { echo "bench: $go/$p is missing (containernetworking-plugins)" >&2; exit 1; }
done
[[ -x $veth ]] || { echo "bench: $veth is missing (make build)" >&2; exit 1; }

stamp=$(date -u +%Y%m%dT%H%M%SZ)
out=$root/bench-results/$stamp
mkdir -p "$out"
id=$(( $$ % 100000 ))$(( RANDOM % 9000 + 1000 ))
sw=spt-bn-$id-sw node=spt-bn-$id-node pod=spt-bn-$id-pod
work=$(mktemp -d "/tmp/spt-bn-$id.XXXXXX")
created=()

cleanup() {
  local ns
  for ns in "${created[@]}"; do ip netns del "$ns" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

addns() {
  ip netns add "$1"
  created+=("$1")
  ip -n "$1" link set lo up
}

echo "bench: building the harness (bench/harness, JIT, not part of the solution)" >&2
dotnet build bench/harness/Harness.csproj -c Release -o out/bench-harness --nologo -v quiet >"$work/harness-build.log" 2>&1 \
  || { cat "$work/harness-build.log" >&2; exit 1; }
harness=(dotnet "$root/out/bench-harness/spider-bench.dll")

# The node: one "physical" NIC ens192 on a bridged underlay 172.30.1.0/24 + fd00:30:1::/64 with its gateway.
addns "$sw"; addns "$node"; addns "$pod"
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

echo "bench: VERSION, $version_runs runs each (hyperfine -N)" >&2
export CNI_COMMAND=VERSION
hyperfine -N --style none --warmup 10 --runs "$version_runs" --export-json "$out/version-hyperfine.json" \
  -n veth "$veth" -n macvlan "$go/macvlan" -n tuning "$go/tuning" -n sbr "$go/sbr" >/dev/null
echo "bench: VERSION peak RSS, $rss_runs runs each (/usr/bin/time -f %M)" >&2
for p in veth macvlan tuning sbr; do
  exe=$go/$p
  [[ $p == veth ]] && exe=$veth
  for ((i = 0; i < rss_runs; i++)); do
    /usr/bin/time -f "$p %M" -a -o "$out/version-rss.txt" "$exe" </dev/null >/dev/null
  done
done
unset CNI_COMMAND

ip netns exec "$node" "${harness[@]}" measure \
  --pod "$pod" --master ens192 --cidrs 172.30.1.100/24,fd00:30:1::100/64 --gateways 172.30.1.1,fd00:30:1::1 \
  --bin "$root/bin" --go "$go" --work "$work" --chain "$root/bench/chain.sh" \
  --iterations "$iterations" --rss-iterations "$rss_runs" --chain-iterations "$chain_iterations" --out "$out/verbs.json"

"${harness[@]}" report --dir "$out" --binary "$root/bin/spider-plugins" --kernel "$(uname -r)" --cpus "$(nproc)" \
  --os "$(. /etc/os-release && echo "$PRETTY_NAME")" | tee "$out/summary.txt"
echo "bench: results in ${out#"$root"/}" >&2
