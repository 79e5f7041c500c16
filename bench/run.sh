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
source bench/bed.sh

echo "bench: building the harness (bench/harness, JIT, not part of the solution)" >&2
dotnet build bench/harness/Harness.csproj -c Release -o out/bench-harness --nologo -v quiet >"$work/harness-build.log" 2>&1 \
  || { cat "$work/harness-build.log" >&2; exit 1; }
harness=(dotnet "$root/out/bench-harness/spider-bench.dll")

bed_up
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

# Four rounds, so a load change on this shared machine cannot land on one plugin's runs only.
echo "bench: VERSION, $version_runs runs each in 4 rounds (hyperfine -N)" >&2
export CNI_COMMAND=VERSION
for round in 1 2 3 4; do
  hyperfine -N --style none --warmup 5 --runs $((version_runs / 4)) --export-json "$out/version-hyperfine-$round.json" \
    -n veth "$veth" -n macvlan "$go/macvlan" -n tuning "$go/tuning" -n sbr "$go/sbr" >/dev/null 2>&1
done
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
  --load "start $load_start, end $(cut -d' ' -f1-3 /proc/loadavg)" \
  --os "$(. /etc/os-release && echo "$PRETTY_NAME")" | tee "$out/summary.txt"
echo "bench: results in ${out#"$root"/} ($SECONDS s)" >&2
