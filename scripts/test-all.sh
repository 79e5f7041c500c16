#!/usr/bin/env bash
# Runs every suite (unit, kernel integration, process-level, end-to-end testbed) and prints one closing line
# "N passed, N failed". Fails when the root network namespace differs before and after.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
results=$root/out/test-results
rm -rf "$results"; mkdir -p "$results"
snapshot_tool=${ROOTNS_SNAPSHOT:-$root/../shared/tools/rootns-snapshot}
[ -x "$snapshot_tool" ] || snapshot_tool=$root/scripts/rootns-snapshot
before=$("$snapshot_tool")
ns_before=$(ip netns list 2>/dev/null | awk '{print $1}' | grep '^spt-' | sort || true)

export SPIDER_PLUGINS_BIN=$root/bin/spider-plugins
passed=0 failed=0

dotnet test spider-plugins.sln -c Release --nologo -v quiet \
  --logger "trx" --results-directory "$results" 2>&1 | tee "$results/dotnet-test.log" | grep -E "^(Passed!|Failed!|  Failed |Error)" || true
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")
  f=$(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
if ! ls "$results"/*.trx >/dev/null 2>&1; then
  echo "test: dotnet test produced no results (build failure?)" >&2
  tail -40 "$results/dotnet-test.log" >&2
  failed=$((failed + 1))
fi

if [ -x testbed/runtimes/selftest.sh ]; then
  testbed/runtimes/selftest.sh --counts "$results/runtimes.counts" --with-veth --log-dir "$results/runtimes" || true
  if [ -f "$results/runtimes.counts" ]; then
    read -r p f < "$results/runtimes.counts"
    passed=$((passed + p)); failed=$((failed + f))
  else
    echo "test: the runtime suite wrote no counts" >&2; failed=$((failed + 1))
  fi
fi

if [ -x testbed/e2e.sh ]; then
  testbed/e2e.sh --counts "$results/e2e.counts" || true
  if [ -f "$results/e2e.counts" ]; then
    read -r p f < "$results/e2e.counts"
    passed=$((passed + p)); failed=$((failed + f))
  else
    echo "test: the end-to-end suite wrote no counts" >&2; failed=$((failed + 1))
  fi
fi

after=$("$snapshot_tool")
if [ "$before" = "$after" ]; then
  passed=$((passed + 1))
else
  echo "test: FAILED root network namespace changed during the suites:" >&2
  diff <(echo "$before") <(echo "$after") >&2
  failed=$((failed + 1))
fi
# Only namespaces this run created count: a developer may run two suites side by side.
leftover=$(comm -13 <(echo "$ns_before") <(ip netns list 2>/dev/null | awk '{print $1}' | grep '^spt-' | sort) | tr '\n' ' ')
if [ -n "$leftover" ]; then
  echo "test: FAILED namespaces left behind: $leftover" >&2
  failed=$((failed + 1))
else
  passed=$((passed + 1))
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
