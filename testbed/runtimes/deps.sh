#!/usr/bin/env bash
# Installs what the runtime harness needs from Debian: containerd (with its CRI plugin), podman (CNI backend: no
# netavark), runc (crun refuses hybrid cgroups on these machines), busybox-static (the image's only binary), the
# reference CNI plugins, ping/nsenter/jq for the checks. Idempotent; silent when everything is present.
set -euo pipefail
need=(containerd runc podman busybox-static containernetworking-plugins iproute2 iputils-ping util-linux jq)
missing=()
for p in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "runtimes/deps: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  # One call with runc in it satisfies podman's "crun | runc", so crun is not pulled in.
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v dotnet >/dev/null || { echo "runtimes/deps: the .NET 10 SDK (dotnet) is required for tools/cri-client" >&2; exit 1; }
