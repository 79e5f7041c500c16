#!/usr/bin/env bash
# Where does a veth call spend its time? Not part of `make bench` (perf and strace distort timings).
# For ADD, CHECK, DEL (fresh dual-stack macvlan each round) and VERSION: strace -c -f syscall summary, an
# strace -tt -T timeline of one call, and perf record (cpu-clock, call graphs) resolved with the unstripped
# symbols next to the published binary. Output: bench-results/<UTC timestamp>-profile/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
rounds=${PROFILE_ROUNDS:-5}
out=$root/bench-results/$(date -u +%Y%m%dT%H%M%SZ)-profile
mkdir -p "$out"
source bench/bed.sh
bed_up

# perf finds the symbols through .gnu_debuglink when the .dbg file sits next to the executable.
native=$root/src/spider-plugins/bin/Release/net10.0/linux-x64/native
mkdir -p "$work/bin"
cp "$root/bin/spider-plugins" "$work/bin/"
[[ -f $native/spider-plugins.dbg ]] && cp "$native/spider-plugins.dbg" "$work/bin/"
ln -s spider-plugins "$work/bin/veth"
veth=$work/bin/veth

nic() {
  ip -n "$node" link add link ens192 name eth0 address 02:be:00:00:00:01 netns "$pod" type macvlan mode bridge
  ip -n "$pod" addr add 172.30.1.100/24 dev eth0
  ip -n "$pod" addr add fd00:30:1::100/64 dev eth0 nodad
  ip -n "$pod" link set eth0 up
  ip -n "$pod" route add default via 172.30.1.1 dev eth0
  ip -n "$pod" route add default via fd00:30:1::1 dev eth0
}
conf='{"cniVersion":"1.0.0","name":"underlay","type":"veth","cluster_cidr":["10.233.64.0/18","fd00:233:64::/112"],"service_cidr":["10.233.0.0/18","fd00:233::/112"],"state_dir":"'$work'/state","prevResult":{"cniVersion":"1.0.0","interfaces":[{"name":"eth0","mac":"02:be:00:00:00:01","sandbox":"/var/run/netns/'$pod'"}],"ips":[{"interface":0,"address":"172.30.1.100/24","gateway":"172.30.1.1"},{"interface":0,"address":"fd00:30:1::100/64","gateway":"fd00:30:1::1"}],"routes":[{"dst":"0.0.0.0/0"},{"dst":"::/0"}]}}'
export CNI_CONTAINERID=profile1 CNI_NETNS=/var/run/netns/$pod CNI_IFNAME=eth0 CNI_PATH=/usr/lib/cni
call() { ip netns exec "$node" env CNI_COMMAND="$1" "${@:2}" <<<"$conf" >/dev/null 2>>"$out/plugin.log"; }

nic
for verb in ADD CHECK DEL; do call "$verb" strace -f -c -o "$out/strace-c-$verb.txt" "$veth"; done
ip -n "$pod" link del eth0
nic
for verb in ADD CHECK DEL; do call "$verb" strace -f -tt -T -o "$out/strace-tt-$verb.txt" "$veth"; done
ip -n "$pod" link del eth0
CNI_COMMAND=VERSION strace -f -c -o "$out/strace-c-VERSION.txt" "$veth" </dev/null >/dev/null

if command -v perf >/dev/null && perf stat -e cpu-clock true >/dev/null 2>&1; then
  for ((i = 1; i <= rounds; i++)); do
    nic
    for verb in ADD CHECK DEL; do
      call "$verb" perf record -q -F 10000 -e cpu-clock -g -o "$out/perf-$verb-$i.data" "$veth"
    done
    ip -n "$pod" link del eth0
    CNI_COMMAND=VERSION perf record -q -F 10000 -e cpu-clock -g -o "$out/perf-VERSION-$i.data" "$veth" </dev/null >/dev/null 2>&1
  done
  for verb in VERSION ADD CHECK DEL; do
    {
      echo "== $verb, round $rounds: samples per object, then inclusive (children) top symbols"
      perf report -i "$out/perf-$verb-$rounds.data" --no-children --sort dso --stdio -g none -n 2>/dev/null | grep -v '^#' | grep -v '^$' || true
      perf report -i "$out/perf-$verb-$rounds.data" --children --sort sym --stdio -g none -n 2>/dev/null | grep -v '^#' | grep -v '^$' | head -45 || true
    } >"$out/perf-$verb.txt"
  done
else
  echo "profile: perf is not usable here, strace only" >&2
fi
for f in "$out"/strace-c-*.txt; do echo "== $(basename "$f")"; head -14 "$f"; done
echo "profile: results in ${out#"$root"/}" >&2
