#!/usr/bin/env bash
# Installs the Debian packages the build, tests, demo and benchmarks use (the xunit suites call sysctl and ping
# inside their namespaces, so procps and iputils-ping are named even where an image usually has them). Idempotent and quiet when all is there.
set -euo pipefail
need=(iproute2 nftables containernetworking-plugins hyperfine time jq util-linux procps iputils-ping)
missing=()
for p in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "deps: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# The end-to-end testbed and the real container runtimes bring their own package lists.
for extra in testbed/deps.sh testbed/runtimes/deps.sh; do
  [ -x "$(dirname "$0")/../$extra" ] && "$(dirname "$0")/../$extra"
done
command -v dotnet >/dev/null || { echo "deps: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }
