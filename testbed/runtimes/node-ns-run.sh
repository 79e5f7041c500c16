#!/usr/bin/env bash
# node-ns-run.sh <netns-path> <cmd> [args...]
# Runs <cmd> as if the given network namespace were the host's: a container runtime started this way makes its CNI
# calls (and so the plugins under test act) inside that "node" netns, never in the root netns.
#   - nsenter --net: the process and its children (shims, conmon, CNI plugins) live in the node netns;
#   - a private mount namespace with a fresh sysfs: /sys/class/net shows the node's links, not the root netns's
#     (sysfs binds to the netns of whoever mounts it, and nsenter alone keeps the host's /sys);
#   - the host's cgroup hierarchies re-mounted under the new /sys/fs/cgroup: runc needs them;
#   - /run/netns keeps its propagation (ip netns add makes it a shared mount), so the pod netns paths a runtime
#     creates there can be entered from the host.
# The command keeps this script's PID (every step execs), so callers can record $! and end it by PID.
set -euo pipefail

if [ "${1:-}" = "--inside-mount-ns" ]; then
  shift
  # Nothing mounted below /sys may ever reach the host's mount namespace, whatever its propagation was.
  mount --make-rprivate /sys
  # Remember the host's cgroup mounts (mount point, fstype, per-mount flags, super options) and symlinks before
  # covering them.
  cgroup_mounts=$(awk '{ for (i = 7; $i != "-"; i++); if ($5 ~ "^/sys/fs/cgroup/" && ($(i+1) == "cgroup" || $(i+1) == "cgroup2")) print $5, $(i+1), $6 "," $(i+3) }' /proc/self/mountinfo)
  cgroup_links=$(find /sys/fs/cgroup -mindepth 1 -maxdepth 1 -type l -printf '%f %l\n' 2>/dev/null || true)
  mount -t sysfs -o nosuid,nodev,noexec sysfs /sys
  mount -t tmpfs -o nosuid,nodev,noexec,mode=755 cgroup-root /sys/fs/cgroup
  while read -r mnt fstype opts; do
    [ -n "$mnt" ] || continue
    mkdir -p "$mnt"
    mount -t "$fstype" -o "$opts" "$fstype" "$mnt"
  done <<<"$cgroup_mounts"
  while read -r name target; do
    [ -n "$name" ] || continue
    ln -s "$target" "/sys/fs/cgroup/$name"
  done <<<"$cgroup_links"
  exec "$@"
fi

if [ $# -lt 2 ]; then
  echo "usage: $0 <netns-path> <cmd> [args...]" >&2
  exit 2
fi
netns=$1; shift
[ -e "$netns" ] || { echo "node-ns-run: no such netns: $netns" >&2; exit 2; }
# unshare without --fork and nsenter without a pid namespace both exec in place: the PID stays the same.
exec nsenter --net="$netns" -- unshare --mount --propagation unchanged -- "$(readlink -f "$0")" --inside-mount-ns "$@"
