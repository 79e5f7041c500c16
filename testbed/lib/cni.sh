# shellcheck shell=bash
# A small CNI chain runner with libcni's semantics, so plugins are exercised exactly the way a runtime calls them:
#  - each plugin gets its own object from the conflist plus the list's `name` and `cniVersion`, and on ADD the
#    previous plugin's result as `prevResult`;
#  - ADD runs the plugins in order, DEL in reverse order; for cniVersion >= 0.4.0 DEL carries the cached result
#    of the ADD as `prevResult` (0.3.x DEL carries none);
#  - a failed ADD is followed by a DEL of the whole list (what kubelet/containerd do);
#  - every plugin runs INSIDE the node namespace (`ip netns exec`, which also gives it the node's /sys), with a
#    clean environment and CNI_PATH = our bin dir, then Debian's reference plugins.
# Every call (stdin, stdout, stderr, exit code) is appended to $TB_CNI_LOG.

# Finds a plugin binary in CNI_PATH order.
tb_cni_find() {
  local d IFS=:
  for d in $TB_CNI_PATH; do
    [ -x "$d/$1" ] && { printf '%s/%s' "$d" "$1"; return 0; }
  done
  return 1
}

# tb_cni_exec VERB TYPE CONF CID NETNS_PATH IFNAME ARGS: one plugin execution; prints its stdout, returns its rc.
tb_cni_exec() {
  local verb=$1 type=$2 conf=$3 cid=$4 netns=$5 ifname=$6 args=$7 bin out rc errf
  if ! bin=$(tb_cni_find "$type"); then
    printf '{"code":999,"msg":"testbed: plugin %s not found in CNI_PATH %s"}' "$type" "$TB_CNI_PATH"
    return 1
  fi
  errf=$(mktemp "$TB_WORK/cni-stderr.XXXXXX")
  out=$(printf '%s' "$conf" | timeout "$TB_CNI_TIMEOUT" ip netns exec "$(tb_ns node)" env -i \
    PATH=/usr/sbin:/usr/bin:/sbin:/bin CNI_COMMAND="$verb" CNI_CONTAINERID="$cid" CNI_NETNS="$netns" \
    CNI_IFNAME="$ifname" CNI_ARGS="$args" CNI_PATH="$TB_CNI_PATH" "$bin" 2>"$errf")
  rc=$?
  {
    printf '=== %s %s rc=%s cid=%s ifname=%s netns=%s args=%s\n' "$verb" "$bin" "$rc" "$cid" "$ifname" "$netns" "$args"
    printf 'stdin:  %s\nstdout: %s\n' "$conf" "$out"
    [ -s "$errf" ] && sed 's/^/stderr: /' "$errf"
  } >>"$TB_CNI_LOG"
  rm -f "$errf"
  [ "$rc" = 124 ] && out="{\"code\":999,\"msg\":\"testbed: $type $verb timed out after ${TB_CNI_TIMEOUT}s\"}"
  printf '%s' "$out"
  return "$rc"
}

# tb_cni_supported TYPE: the plugin's supportedVersions (one line, space separated), asked once per run.
tb_cni_supported() {
  local cache="$TB_WORK/cni-cache/versions-$1" out
  if [ ! -s "$cache" ]; then
    out=$(tb_cni_exec VERSION "$1" '{"cniVersion":"1.0.0"}' "" "" "" "") || return 1
    jq -r '.supportedVersions | join(" ")' <<<"$out" >"$cache" 2>/dev/null || { rm -f "$cache"; return 1; }
  fi
  cat "$cache"
}

# tb_cni_run_version TYPE LIST_VERSION: the cniVersion to hand this plugin. Debian 12's reference plugins
# (containernetworking-plugins 1.1.1) stop at 1.0.0; for a 1.1.0 list they are run at 1.0.0, whose result schema
# is identical, and the result is relabelled 1.1.0 before it becomes the next plugin's prevResult.
tb_cni_run_version() {
  local type=$1 version=$2 supported
  supported=" $(tb_cni_supported "$type") " || {
    printf '{"code":999,"msg":"testbed: VERSION of plugin %s failed"}' "$type"; return 1; }
  if [[ "$supported" == *" $version "* ]]; then
    printf '%s' "$version"
  elif [ "$version" = 1.1.0 ] && [[ "$supported" == *" 1.0.0 "* ]] && [ "$(tb_cni_find "$type")" = "$TB_REF_CNI_DIR/$type" ]; then
    printf '1.0.0'
  else
    printf '{"code":999,"msg":"testbed: plugin %s does not support cniVersion %s (it supports:%s)"}' "$type" "$version" "$supported"
    return 1
  fi
}

# prevResult handling in DEL starts with 0.4.0.
tb_cni_del_has_prev() { case $1 in 0.1.* | 0.2.* | 0.3.*) return 1 ;; *) return 0 ;; esac; }

tb_cni_cache_file() { printf '%s/cni-cache/%s-%s-%s.json' "$TB_WORK" "$1" "$2" "$3"; }

# tb_cni_conf LIST INDEX VERSION PREV_JSON: the network config one plugin sees.
tb_cni_conf() {
  jq -c --argjson i "$2" --arg v "$3" --argjson prev "${4:-null}" \
    '.plugins[$i] + {cniVersion: $v, name: .name} + (if $prev == null then {} else {prevResult: $prev} end)' "$1"
}

# tb_cni_add LIST CID NETNS_NAME IFNAME ARGS: prints the final result (or the failing plugin's error).
tb_cni_add() {
  local list=$1 cid=$2 netns=/var/run/netns/$3 ifname=$4 args=$5
  local version name n i type run_version conf out prev=""
  version=$(jq -r .cniVersion "$list") name=$(jq -r .name "$list") n=$(jq '.plugins | length' "$list")
  for ((i = 0; i < n; i++)); do
    type=$(jq -r --argjson i "$i" '.plugins[$i].type' "$list")
    if ! run_version=$(tb_cni_run_version "$type" "$version"); then
      printf '%s' "$run_version"; return 1
    fi
    conf=$(tb_cni_conf "$list" "$i" "$run_version" "$prev")
    printf '%s' "$conf" >"$(tb_cni_cache_file "$name" "$cid" "$ifname").in.$i"
    if ! out=$(tb_cni_exec ADD "$type" "$conf" "$cid" "$netns" "$ifname" "$args"); then
      [ -n "$out" ] || out="{\"msg\":\"testbed: $type ADD failed without output\"}"
      printf '%s' "$out"
      tb_cni_del "$list" "$cid" "$3" "$ifname" "$args" >/dev/null 2>&1
      return 1
    fi
    if ! prev=$(jq -c --arg v "$version" '.cniVersion = $v' <<<"$out" 2>/dev/null); then
      printf '{"code":999,"msg":"testbed: %s ADD printed no JSON result: %s"}' "$type" "$(head -c 200 <<<"$out" | tr -d '"\\\n')"
      tb_cni_del "$list" "$cid" "$3" "$ifname" "$args" >/dev/null 2>&1
      return 1
    fi
  done
  printf '%s' "$prev" >"$(tb_cni_cache_file "$name" "$cid" "$ifname")"
  printf '%s' "$prev"
}

# tb_cni_del LIST CID NETNS_NAME IFNAME ARGS: NETNS_NAME "" models a runtime's DEL after the netns is gone.
tb_cni_del() {
  local list=$1 cid=$2 netns=${3:+/var/run/netns/$3} ifname=$4 args=$5
  local version name n i type run_version conf out cache prev=""
  version=$(jq -r .cniVersion "$list") name=$(jq -r .name "$list") n=$(jq '.plugins | length' "$list")
  cache=$(tb_cni_cache_file "$name" "$cid" "$ifname")
  if tb_cni_del_has_prev "$version" && [ -s "$cache" ]; then prev=$(cat "$cache"); fi
  for ((i = n - 1; i >= 0; i--)); do
    type=$(jq -r --argjson i "$i" '.plugins[$i].type' "$list")
    if ! run_version=$(tb_cni_run_version "$type" "$version"); then
      printf '%s' "$run_version"; return 1
    fi
    local p=$prev
    [ -n "$p" ] && [ "$run_version" != "$version" ] && p=$(jq -c --arg v "$run_version" '.cniVersion = $v' <<<"$p")
    conf=$(tb_cni_conf "$list" "$i" "$run_version" "$p")
    if ! out=$(tb_cni_exec DEL "$type" "$conf" "$cid" "$netns" "$ifname" "$args"); then
      [ -n "$out" ] || out="{\"msg\":\"testbed: $type DEL failed without output\"}"
      printf '%s' "$out"
      return 1
    fi
  done
  rm -f "$cache" "$cache".in.*
}

# tb_cni_check LIST CID NETNS_NAME IFNAME ARGS: CHECK (>= 0.4.0) with the cached result, in ADD order.
tb_cni_check() {
  local list=$1 cid=$2 netns=/var/run/netns/$3 ifname=$4 args=$5
  local version name n i type run_version conf out cache prev
  version=$(jq -r .cniVersion "$list") name=$(jq -r .name "$list") n=$(jq '.plugins | length' "$list")
  cache=$(tb_cni_cache_file "$name" "$cid" "$ifname")
  [ -s "$cache" ] || { printf '{"msg":"testbed: no cached result to CHECK"}'; return 1; }
  prev=$(cat "$cache")
  for ((i = 0; i < n; i++)); do
    type=$(jq -r --argjson i "$i" '.plugins[$i].type' "$list")
    run_version=$(tb_cni_run_version "$type" "$version") || { printf '%s' "$run_version"; return 1; }
    local p=$prev
    [ "$run_version" != "$version" ] && p=$(jq -c --arg v "$run_version" '.cniVersion = $v' <<<"$p")
    conf=$(tb_cni_conf "$list" "$i" "$run_version" "$p")
    out=$(tb_cni_exec CHECK "$type" "$conf" "$cid" "$netns" "$ifname" "$args") || { printf '%s' "$out"; return 1; }
  done
}

# tb_cni_replay LIST CID NETNS_NAME IFNAME ARGS INDEX: runs plugin INDEX's ADD again with exactly the stdin it got
# the first time (same prevResult): a retried ADD of one chained plugin, without re-running the ones before it
# (Debian's macvlan is not idempotent, our plugin must be).
tb_cni_replay() {
  local list=$1 cid=$2 netns=/var/run/netns/$3 ifname=$4 args=$5 i=$6 name type in
  name=$(jq -r .name "$list") type=$(jq -r --argjson i "$i" '.plugins[$i].type' "$list")
  in="$(tb_cni_cache_file "$name" "$cid" "$ifname").in.$i"
  [ -s "$in" ] || { printf '{"msg":"testbed: no recorded ADD input for plugin %s"}' "$i"; return 1; }
  tb_cni_exec ADD "$type" "$(cat "$in")" "$cid" "$netns" "$ifname" "$args"
}
