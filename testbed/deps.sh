#!/usr/bin/env bash
# Debian packages the namespace testbed (demo.sh, e2e.sh) uses; called by scripts/deps.sh. Idempotent and quiet
# when everything is there. socat: the pods' TCP/UDP servers; iputils-ping: ICMP probes; the rest: topology,
# kube-proxy emulation, the reference CNI plugins and JSON handling.
set -euo pipefail
need=(iproute2 nftables containernetworking-plugins jq socat iputils-ping)
missing=()
for p in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "testbed deps: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
