# shellcheck shell=bash
# Run identity, namespace helpers, process bookkeeping and the teardown every testbed script installs.
#
# Everything a run creates is named after one suffix (namespaces `spt-<suffix>-<role>`, the work dir
# `/tmp/spt-tb-<suffix>`), so two runs never share an object and teardown can find all of it by name.
# Nothing is ever created in the root network namespace: every mutating command goes through `tb_ip`/`tb_in`.

TB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TB_REPO=$(cd "$TB_DIR/.." && pwd)
# Where our plugin lives (bin/veth → bin/spider-plugins after `make build`); the reference plugins come from Debian.
: "${SPIDER_BIN_DIR:=$TB_REPO/bin}"
: "${TB_REF_CNI_DIR:=/usr/lib/cni}"
# Ceiling for any single CNI plugin execution: a hung plugin must fail the test, not the suite.
: "${TB_CNI_TIMEOUT:=30}"

tb_log() { printf '%s\n' "$*" >&2; }
tb_debug() { [ -n "${TB_VERBOSE:-}" ] && printf '  · %s\n' "$*" >&2; return 0; }
tb_die() { printf 'testbed: %s\n' "$*" >&2; exit 1; }

# tb_init: picks the run's suffix and per-run numbers and creates the work dir.
# The third octet TB_X only makes subnets differ between concurrent runs for readability of captures; isolation
# itself comes from every address living in this run's own namespaces.
tb_init() {
  TB_SUFFIX=$(printf '%x%04x' "$$" "$((RANDOM * 2 + RANDOM % 2))")
  TB_X=$(( (0x$TB_SUFFIX % 200) + 20 ))
  TB_WORK=$(mktemp -d "/tmp/spt-tb-$TB_SUFFIX.XXXX") || tb_die "cannot create a work dir"
  mkdir -p "$TB_WORK/pids" "$TB_WORK/ipam" "$TB_WORK/state" "$TB_WORK/cni-cache" "$TB_WORK/conf" "$TB_WORK/probe"
  TB_NS_PREFIX="spt-$TB_SUFFIX"
  TB_CNI_PATH="$SPIDER_BIN_DIR:$TB_REF_CNI_DIR"
  TB_CNI_LOG="$TB_WORK/cni-calls.log"
  export TB_SUFFIX TB_X TB_WORK TB_NS_PREFIX TB_CNI_PATH TB_CNI_LOG
  trap tb_teardown EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  trap 'exit 129' HUP
}

# Full netns name of a role, e.g. tb_ns node → spt-1a2b3c-node.
tb_ns() { printf '%s-%s' "$TB_NS_PREFIX" "$1"; }
# `ip` against a role's namespace (never the root one).
tb_ip() { local role=$1; shift; ip -n "$(tb_ns "$role")" "$@"; }
# Runs a command inside a role's namespace.
tb_in() { local role=$1; shift; ip netns exec "$(tb_ns "$role")" "$@"; }
# Sets sysctls inside a role's namespace: tb_sysctl node net.ipv4.ip_forward=1 ... (through /proc/sys, which
# follows the network namespace; no procps needed)
tb_sysctl() {
  local role=$1; shift
  tb_in "$role" bash -c 'for kv; do k=${kv%%=*}; echo "${kv#*=}" >"/proc/sys/${k//.//}" || exit 1; done' _ "$@"
}

tb_netns_add() {
  local ns; ns=$(tb_ns "$1")
  ip netns add "$ns" || return 1
  ip -n "$ns" link set lo up
}

# tb_spawn ROLE NAME CMD...: starts a long-running process inside ROLE's namespace and records its PID, so that
# teardown can end it (and only it, plus the children it forked) by PID.
tb_spawn() {
  local role=$1 name=$2; shift 2
  ip netns exec "$(tb_ns "$role")" "$@" </dev/null >>"$TB_WORK/$name.out" 2>&1 &
  echo "$!" >"$TB_WORK/pids/$role-$name"
}

# Children first, then the process: socat forks one child per connection or datagram.
tb_kill_tree() {
  local pid=$1 child
  for child in $(cat /proc/"$pid"/task/*/children 2>/dev/null); do tb_kill_tree "$child"; done
  kill "$pid" 2>/dev/null
}

tb_stop_processes() {
  local f pid
  for f in "$TB_WORK"/pids/*; do
    [ -f "$f" ] || continue
    pid=$(cat "$f")
    [ -n "$pid" ] && tb_kill_tree "$pid"
    rm -f "$f"
  done
}

# Teardown: DEL what is still attached (so a plugin's node-side objects go through its own DEL path), stop our
# processes, delete every namespace carrying this run's prefix, remove the work dir (kept with TB_KEEP=1 or when
# the run failed and TB_KEEP_ON_FAIL=1).
tb_teardown() {
  local rc=$? ns
  trap - EXIT INT TERM HUP
  [ -n "${TB_WORK:-}" ] || exit "$rc"
  if declare -F tb_before_teardown >/dev/null; then tb_before_teardown; fi
  if declare -F tb_detach_all >/dev/null; then tb_detach_all >/dev/null 2>&1; fi
  tb_stop_processes
  for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep -E "^${TB_NS_PREFIX}-" || true); do
    ip netns del "$ns" 2>/dev/null || tb_log "teardown: could not delete $ns"
  done
  if [ -n "${TB_KEEP:-}" ] || { [ "$rc" != 0 ] && [ -n "${TB_KEEP_ON_FAIL:-}" ]; }; then
    tb_log "testbed: work dir kept: $TB_WORK"
  else
    rm -rf "$TB_WORK"
  fi
  exit "$rc"
}

# Polls CMD... until it succeeds or SECONDS (fractional) pass; the only way scripts here wait for anything.
tb_wait_for() {
  local deadline=$1; shift
  local end=$(( $(date +%s%N) + ${deadline%.*} * 1000000000 ))
  while :; do
    "$@" && return 0
    [ "$(date +%s%N)" -ge "$end" ] && return 1
    sleep 0.05
  done
}
