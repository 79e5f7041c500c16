#!/usr/bin/env bash
# Publishes the Native AOT executable and lays out bin/ as a CNI bin directory.
set -euo pipefail
config=${1:-Release} rid=${2:-linux-x64} bin=${3:-bin}
cd "$(dirname "$0")/.."
mkdir -p out
dotnet publish src/spider-plugins/spider-plugins.csproj -c "$config" -r "$rid" -o out/publish --nologo -v quiet \
  -p:TreatWarningsAsErrors=true >out/publish.log 2>&1 || { cat out/publish.log >&2; exit 1; }
mkdir -p "$bin"
install -m 0755 out/publish/spider-plugins "$bin/spider-plugins"
for name in veth router coordinator; do ln -sfn spider-plugins "$bin/$name"; done
(cd "$bin" && sha256sum spider-plugins > SHA256SUMS)
echo "build: $bin/spider-plugins ($(stat -c %s "$bin/spider-plugins") bytes) and links veth, router, coordinator" >&2
