# Shared pieces of the runtime harness (sourced by containerd.sh, podman.sh, selftest.sh).
# Everything lives under a work dir the caller owns; nothing here touches the root netns.

RT_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
RT_REPO_ROOT=$(cd "$RT_LIB_DIR/../.." && pwd)

rt_log() { echo "runtimes: $*" >&2; }

# rt_poll <timeout-seconds> <cmd...>: re-runs cmd until it succeeds or the deadline passes.
rt_poll() {
  local deadline=$((SECONDS + $1)); shift
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || return 1
    sleep 0.05
  done
}

# rt_make_rootfs <dir>: a busybox-static root filesystem, the only "image" both runtimes need.
rt_make_rootfs() {
  local r=$1
  [ -x "$r/bin/busybox" ] && return 0
  mkdir -p "$r"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,etc,tmp,run,var,root}
  cp /bin/busybox "$r/bin/busybox"
  chroot "$r" /bin/busybox --install -s /bin
  echo 'root:x:0:0:root:/root:/bin/sh' >"$r/etc/passwd"
  echo 'root:x:0:' >"$r/etc/group"
  : >"$r/etc/resolv.conf"; : >"$r/etc/hosts"; echo pod >"$r/etc/hostname"
}

# rt_make_cni_bin <dir>: one CNI_PATH dir = the reference plugins + spt-envlog + our binaries (if built).
rt_make_cni_bin() {
  local d=$1 f spider_bin=${SPIDER_BIN_DIR:-$RT_REPO_ROOT/bin}
  mkdir -p "$d"
  for f in /usr/lib/cni/*; do ln -sfn "$f" "$d/$(basename "$f")"; done
  ln -sfn "$RT_LIB_DIR/spt-envlog" "$d/spt-envlog"
  if [ -d "$spider_bin" ]; then
    for f in "$spider_bin"/*; do
      [ -x "$f" ] && [ -f "$f" ] && ln -sfn "$f" "$d/$(basename "$f")"
    done
  fi
  return 0
}

# rt_cri_client_build: builds tools/cri-client (incremental) and prints the path of its executable.
rt_cri_client_build() {
  local out=$RT_REPO_ROOT/tools/cri-client/bin/Release/net10.0/cri-client
  if ! dotnet build "$RT_REPO_ROOT/tools/cri-client" -c Release --nologo -v quiet >"${TMPDIR:-/tmp}/spt-rt-cri-build.$$.log" 2>&1; then
    cat "${TMPDIR:-/tmp}/spt-rt-cri-build.$$.log" >&2
    rm -f "${TMPDIR:-/tmp}/spt-rt-cri-build.$$.log"
    return 1
  fi
  rm -f "${TMPDIR:-/tmp}/spt-rt-cri-build.$$.log"
  echo "$out"
}

# rt_kill_pid <pid> [grace-seconds]: TERM, wait, then KILL one process we started.
rt_kill_pid() {
  local pid=$1 grace=${2:-10}
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  rt_poll "$grace" bash -c "! kill -0 $pid" || kill -KILL "$pid" 2>/dev/null || true
  rt_poll 5 bash -c "! kill -0 $pid" || true
}

# rt_pids_mentioning <string> <comm-regex>: PIDs of processes named like comm-regex whose command line contains
# string (our unique work dir): shims/conmon that daemonised away from the runtime we started.
rt_pids_mentioning() {
  local needle=$1 comm_re=$2 p
  for p in /proc/[0-9]*; do
    grep -qE -- "^($comm_re)\$" "$p/comm" 2>/dev/null || continue
    tr '\0' ' ' <"$p/cmdline" 2>/dev/null | grep -qF -- "$needle" && echo "${p#/proc/}"
  done
  return 0
}

# rt_unmount_under <dir>: unmounts (deepest first) whatever the host's mount table has below dir.
rt_unmount_under() {
  local dir=$1 m
  findmnt -rn -o TARGET | grep -F -- "$dir/" | sort -r | while read -r m; do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
  done
}
