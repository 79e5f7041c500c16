# shellcheck shell=bash
# Underlay pods: a netns made with `ip netns add` (what the runtime's sandbox would be), servers inside, and
# attachments made through the chain runner. Every live attachment is recorded so teardown can DEL it.

TB_ATTACHED_SEP='|'

# A 64-hex container ID, as containerd makes them.
tb_new_cid() { head -c 32 /dev/urandom | sha256sum | cut -c1-64; }

# The sandbox's container ID: every attachment of one pod (eth0, net1, ...) carries the same CNI_CONTAINERID.
tb_pod_cid() {
  local f="$TB_WORK/cid-$1"
  [ -s "$f" ] || tb_new_cid >"$f"
  cat "$f"
}

tb_pod_new() {
  rm -f "$TB_WORK/cid-$1"
  tb_netns_add "$1" || return 1
  tb_start_servers "$1"
  tb_wait_for 5 tb_servers_listening "$1"
}

tb_pod_del() {
  local role=$1 f
  for f in "$TB_WORK"/pids/"$role"-*; do
    [ -f "$f" ] && { tb_kill_tree "$(cat "$f")"; rm -f "$f"; }
  done
  ip netns del "$(tb_ns "$role")" 2>/dev/null
  return 0
}

tb_pod_args() { printf 'IgnoreUnknown=1;K8S_POD_NAMESPACE=spt;K8S_POD_NAME=%s;K8S_POD_INFRA_CONTAINER_ID=%s%s' "$1" "$2" "${3:+;$3}"; }

# tb_attach ROLE IFNAME CONFLIST CID [EXTRA_CNI_ARGS]: ADD; the result lands in $TB_WORK/result-ROLE-IFNAME.json.
# On failure the plugin's error is in TB_LAST_ERROR.
tb_attach() {
  local role=$1 ifname=$2 list=$3 cid=$4 args out
  args=$(tb_pod_args "$role" "$cid" "${5:-}")
  TB_LAST_ERROR=""
  if ! out=$(tb_cni_add "$list" "$cid" "$(tb_ns "$role")" "$ifname" "$args"); then
    TB_LAST_ERROR=$(jq -r '[.msg, .details] | map(select(. != null and . != "")) | join(": ")' <<<"$out" 2>/dev/null || printf '%s' "$out")
    [ -n "$TB_LAST_ERROR" ] || TB_LAST_ERROR=$out
    return 1
  fi
  printf '%s' "$out" >"$TB_WORK/result-$role-$ifname.json"
  printf '%s\n' "$role|$ifname|$list|$cid|$args" >>"$TB_WORK/attached"
}

# tb_detach ROLE IFNAME [gone]: DEL of the latest attachment of ROLE/IFNAME; "gone" passes an empty CNI_NETNS.
tb_detach() {
  local role=$1 ifname=$2 gone=${3:-} line list cid args out netns
  line=$(grep -F "$role|$ifname|" "$TB_WORK/attached" 2>/dev/null | tail -n1)
  [ -n "$line" ] || { TB_LAST_ERROR="no attachment $role/$ifname"; return 1; }
  IFS="$TB_ATTACHED_SEP" read -r _ _ list cid args <<<"$line"
  netns=$(tb_ns "$role"); [ -n "$gone" ] && netns=""
  TB_LAST_ERROR=""
  if ! out=$(tb_cni_del "$list" "$cid" "$netns" "$ifname" "$args"); then
    TB_LAST_ERROR=$(jq -r '[.msg, .details] | map(select(. != null and . != "")) | join(": ")' <<<"$out" 2>/dev/null || printf '%s' "$out")
    [ -n "$TB_LAST_ERROR" ] || TB_LAST_ERROR=$out
    return 1
  fi
  grep -vxF "$line" "$TB_WORK/attached" >"$TB_WORK/attached.new"
  mv "$TB_WORK/attached.new" "$TB_WORK/attached"
  rm -f "$TB_WORK/result-$role-$ifname.json"
}

# tb_readd ROLE IFNAME INDEX: replays the ADD of plugin INDEX of the recorded attachment (same container ID,
# args and prevResult): the runtime retrying. Its output replaces the stored result.
tb_readd() {
  local role=$1 ifname=$2 index=$3 line list cid args out
  line=$(grep -F "$role|$ifname|" "$TB_WORK/attached" 2>/dev/null | tail -n1)
  [ -n "$line" ] || { TB_LAST_ERROR="no attachment $role/$ifname"; return 1; }
  IFS="$TB_ATTACHED_SEP" read -r _ _ list cid args <<<"$line"
  if ! out=$(tb_cni_replay "$list" "$cid" "$(tb_ns "$role")" "$ifname" "$args" "$index"); then
    TB_LAST_ERROR=$(jq -r '[.msg, .details] | map(select(. != null and . != "")) | join(": ")' <<<"$out" 2>/dev/null || printf '%s' "$out")
    [ -n "$TB_LAST_ERROR" ] || TB_LAST_ERROR=$out
    return 1
  fi
  # shellcheck disable=SC2034  # read by the callers
  TB_LAST_RESULT=$out
}

# Called by teardown: DEL everything still attached, newest first.
tb_detach_all() {
  local line role ifname
  [ -s "$TB_WORK/attached" ] || return 0
  tac "$TB_WORK/attached" | while IFS="$TB_ATTACHED_SEP" read -r role ifname _; do
    tb_detach "$role" "$ifname" || tb_log "teardown: DEL $role/$ifname failed: $TB_LAST_ERROR"
  done
}

# tb_pod_ip ROLE IFNAME 4|6: the address the attachment got (empty when that family is absent).
tb_pod_ip() {
  local f="$TB_WORK/result-$1-$2.json"
  [ -f "$f" ] || return 0
  jq -r --arg fam "$3" \
    '[.ips[]?.address | split("/")[0] | select((test(":")) == ($fam == "6"))][0] // empty' "$f"
}
