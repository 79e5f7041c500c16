#!/usr/bin/env bash
# A minimal CNI chain runner, as a runtime (libcni) runs a conflist: ADD calls each plugin in order and hands the
# previous result on as prevResult; DEL calls them in reverse order with the cached final result as prevResult.
# Usage: chain.sh ADD|DEL <result-cache> <type>:<config.json> ...
#   CNI_CONTAINERID, CNI_NETNS, CNI_IFNAME, CNI_PATH come from the environment; each config is one JSON object
#   without prevResult. No jq, no helper processes: the only process per plugin is the plugin (one fork for $()).
set -euo pipefail
verb=$1 cache=$2
shift 2
links=("$@")
IFS=: read -ra cni_path <<<"$CNI_PATH"

# Sets PLUGIN to the first executable named $1 in CNI_PATH.
find_plugin() {
  local dir
  for dir in "${cni_path[@]}"; do
    if [[ -x $dir/$1 ]]; then PLUGIN=$dir/$1; return; fi
  done
  echo "chain: plugin $1 not found in CNI_PATH" >&2
  exit 1
}

# Sets INPUT to config $1 with member "prevResult":$2 spliced in before its closing brace.
with_prev() {
  local conf=$1
  if [[ -z $2 ]]; then INPUT=$conf; return; fi
  conf=${conf%"${conf##*[!$' \t\r\n']}"}
  printf -v INPUT '%s,"prevResult":%s}' "${conf%\}}" "$2"
}

# Runs link $1 ("type:file") with prevResult $2; sets OUT to its stdout.
call() {
  local type=${1%%:*} file=${1#*:} rc=0 conf
  find_plugin "$type"
  IFS= read -r -d '' conf <"$file" || true
  with_prev "$conf" "$2"
  OUT=$(CNI_COMMAND=$verb "$PLUGIN" <<<"$INPUT") || rc=$?
  if ((rc != 0)); then
    echo "chain: $type $verb exited $rc: $OUT" >&2
    exit "$rc"
  fi
}

case $verb in
  ADD)
    prev=""
    for link in "${links[@]}"; do
      call "$link" "$prev"
      prev=$OUT
    done
    printf '%s\n' "$prev" >"$cache"
    printf '%s\n' "$prev"
    ;;
  DEL)
    IFS= read -r -d '' prev <"$cache" || true
    for ((i = ${#links[@]} - 1; i >= 0; i--)); do
      call "${links[i]}" "$prev"
    done
    rm -f "$cache"
    ;;
  *) echo "chain: verb must be ADD or DEL" >&2; exit 2 ;;
esac
