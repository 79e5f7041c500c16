#!/usr/bin/env bash
# podman 4.3 (CNI backend, runc) as a CNI caller inside a "node" network namespace.
#
# Sourced, it provides (all state under one private dir D: storage, runroot, tmp, events, locks; no /etc edits):
#   pm_setup D CNI_BIN_DIR CNI_CONF_DIR NETWORK NODE_NETNS_PATH
#                                  containers.conf + storage.conf (CNI backend, runc, lowered ulimits, private
#                                  network_config_dir, so podman's bridge conflist in /etc/cni is never read)
#   pm D ARGS...                   one podman command, always through node-ns-run.sh: CNI runs in the netns of
#                                  whichever podman process does the network work, so every command is wrapped
#   pm_run D NAME                  detached container on D's network (busybox rootfs, sleeps); prints its id
#   pm_inspect D NAME              {"id","ips":[...],"netns","pid"} as one JSON line
#   pm_rm D NAME                   podman rm -f (CNI DEL)
#   pm_teardown D                  rm -af through podman, kill leftover conmon by PID, unmount below D, remove D
# Run directly, it is a self-test: selftest.sh for podman only (same options as selftest.sh).

[ -n "${RT_LIB_DIR:-}" ] || source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

pm_setup() {
  local d=$1 bin_dir=$2 conf_dir=$3 network=$4 netns=$5
  mkdir -p "$d"/{root,runroot,tmp}
  echo "$netns" >"$d/netns"
  cat >"$d/containers.conf" <<TOML
[containers]
# No CAP_SYS_RESOURCE and a hard nofile of 20000 here: podman's default ulimits would be refused.
default_ulimits = ["nofile=1024:4096", "nproc=4096:4096"]
log_driver = "k8s-file"

[engine]
# crun refuses hybrid cgroup hosts; runc works.
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "$d/events.log"
tmp_dir = "$d/tmp"
static_dir = "$d/root/libpod"
volume_path = "$d/root/volumes"
# File locks live under our dirs; the default shm locks would leave /dev/shm/libpod_lock behind.
lock_type = "file"

[network]
network_backend = "cni"
cni_plugin_dirs = ["$bin_dir"]
network_config_dir = "$conf_dir"
# Not our network's name: podman synthesises its default network in memory (bridge cni-podman0, 10.88/16) when
# no conflist by that name loads, so naming ours here would turn a broken conflist into a silent bridge attach.
# pm_run always passes --network, so the default is never attached.
default_network = "spt-rt-unused-default"
TOML
  cat >"$d/storage.conf" <<TOML
[storage]
driver = "overlay"
graphroot = "$d/root"
runroot = "$d/runroot"
TOML
  echo "$network" >"$d/network"
  rt_make_rootfs "$d/rootfs"
}

pm() {
  local d=$1; shift
  CONTAINERS_CONF="$d/containers.conf" CONTAINERS_STORAGE_CONF="$d/storage.conf" \
    "$RT_LIB_DIR/node-ns-run.sh" "$(cat "$d/netns")" \
    podman --root "$d/root" --runroot "$d/runroot" --tmpdir "$d/tmp" --cgroup-manager cgroupfs --events-backend file \
    "$@"
}

pm_run() {
  local d=$1 name=$2
  pm "$d" run -d --name "$name" --network "$(cat "$d/network")" --rootfs "$d/rootfs" /bin/sleep 2147483647
}

pm_inspect() {
  local d=$1 name=$2 net
  net=$(cat "$d/network")
  pm "$d" inspect --format json "$name" | jq -c --arg net "$net" '.[0] | {
    id: .Id,
    ips: [(.NetworkSettings.Networks[$net] // {}) | .IPAddress, .GlobalIPv6Address | select(. != null and . != "")],
    netns: (.NetworkSettings.SandboxKey // null),
    pid: (if .State.Pid > 0 then .State.Pid else null end)}'
}

pm_rm() {
  local d=$1 name=$2
  pm "$d" rm -f -t 0 "$name" >/dev/null
}

pm_teardown() {
  local d=$1 pid
  [ -d "$d" ] || return 0
  [ -f "$d/netns" ] && [ -e "$(cat "$d/netns")" ] && pm "$d" rm -a -f -t 0 >/dev/null 2>&1
  # conmon daemonises; one still alive names our dirs on its command line.
  for pid in $(rt_pids_mentioning "$d/" 'conmon'); do rt_kill_pid "$pid" 5; done
  rt_unmount_under "$d"
  rm -rf "$d"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  exec "$RT_LIB_DIR/selftest.sh" --runtime podman "$@"
fi
