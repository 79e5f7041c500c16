#!/usr/bin/env bash
# containerd (Debian 1.6, CRI plugin) as a CNI caller inside a "node" network namespace.
#
# Sourced, it provides (all state under one private dir D; nothing in /etc, /var/lib/containerd, /run/containerd):
#   ctrd_setup D CNI_BIN_DIR CNI_CONF_DIR  write D/config.toml (private root/state/socket/opt/runc, CNI dirs as given)
#                                          and D/pause.tar (a one-layer OCI image of a busybox rootfs)
#   ctrd_start D NODE_NETNS_PATH           start containerd through node-ns-run.sh, record D/pid, wait for the
#                                          socket, import the sandbox image into namespace k8s.io
#   ctrd_cri D ARGS...                     run tools/cri-client against D's socket (CTRD_CRI_CLIENT = its path)
#   ctrd_stop D                            kill the daemon by PID, then shims that still name D, unmount below D
#   ctrd_remove_sandboxes D                StopPodSandbox + RemovePodSandbox for every sandbox (CNI DELs run)
#   ctrd_teardown D                        ctrd_remove_sandboxes + ctrd_stop + remove D
# Run directly, it is a self-test: selftest.sh for containerd only (same options as selftest.sh).
# Exception: containerd 1.6 hard-codes the shim socket dir /run/containerd/s/ (socket names hash our socket path;
# the shims remove them when they exit). The empty dir is left, since concurrent runs may share it.

[ -n "${RT_LIB_DIR:-}" ] || source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CTRD_SANDBOX_IMAGE=localhost/spt-pause:1

ctrd_setup() {
  local d=$1 bin_dir=$2 conf_dir=$3
  mkdir -p "$d"/{root,state,opt}
  cat >"$d/config.toml" <<TOML
version = 2
root = "$d/root"
state = "$d/state"
oom_score = 0
# Snapshotters we do not use would only probe the host (devmapper logs an error every start).
disabled_plugins = ["io.containerd.snapshotter.v1.devmapper", "io.containerd.snapshotter.v1.zfs",
                    "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.aufs",
                    "io.containerd.tracing.processor.v1.otlp", "io.containerd.internal.v1.tracing"]

[grpc]
  address = "$d/containerd.sock"

[plugins]
  [plugins."io.containerd.internal.v1.opt"]
    path = "$d/opt"
  [plugins."io.containerd.grpc.v1.cri"]
    sandbox_image = "$CTRD_SANDBOX_IMAGE"
    # No CAP_SYS_RESOURCE on these machines: the sandbox's oom_score_adj=-998 would be refused.
    restrict_oom_score_adj = true
    disable_apparmor = true
    # The stream server binds 127.0.0.1 of the node netns on a random port.
    stream_server_address = "127.0.0.1"
    stream_server_port = "0"
    [plugins."io.containerd.grpc.v1.cri".containerd]
      snapshotter = "overlayfs"
      default_runtime_name = "runc"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
        runtime_type = "io.containerd.runc.v2"
        [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
          SystemdCgroup = false
          # runc's state dir (default /run/containerd/runc) stays ours too.
          Root = "$d/runc"
    [plugins."io.containerd.grpc.v1.cri".cni]
      bin_dir = "$bin_dir"
      conf_dir = "$conf_dir"
      max_conf_num = 1
TOML
  rt_make_rootfs "$d/rootfs"
  ctrd_build_oci_archive "$d/rootfs" "$d/pause.tar" "$CTRD_SANDBOX_IMAGE"
}

# ctrd_build_oci_archive ROOTFS OUT.tar NAME: a single-layer OCI image layout as a tar, sha256sum-addressed,
# whose entrypoint sleeps forever (the "pause" process). Built locally because no registry is reachable.
ctrd_build_oci_archive() {
  local rootfs=$1 out=$2 name=$3 t arch layer layer_sha config_sha manifest_sha
  t=$(mktemp -d "$(dirname "$out")/oci.XXXXXX")
  arch=$(dpkg --print-architecture)
  mkdir -p "$t/blobs/sha256"
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$rootfs" -cf "$t/layer.tar" .
  layer_sha=$(sha256sum "$t/layer.tar" | cut -d' ' -f1)
  mv "$t/layer.tar" "$t/blobs/sha256/$layer_sha"
  jq -n -c --arg arch "$arch" --arg diff "sha256:$layer_sha" \
    '{architecture: $arch, os: "linux",
      config: {Entrypoint: ["/bin/sleep", "2147483647"], WorkingDir: "/"},
      rootfs: {type: "layers", diff_ids: [$diff]}}' >"$t/config.json"
  config_sha=$(sha256sum "$t/config.json" | cut -d' ' -f1)
  jq -n -c --arg c "sha256:$config_sha" --argjson cs "$(stat -c %s "$t/config.json")" \
    --arg l "sha256:$layer_sha" --argjson ls "$(stat -c %s "$t/blobs/sha256/$layer_sha")" \
    '{schemaVersion: 2, mediaType: "application/vnd.oci.image.manifest.v1+json",
      config: {mediaType: "application/vnd.oci.image.config.v1+json", digest: $c, size: $cs},
      layers: [{mediaType: "application/vnd.oci.image.layer.v1.tar", digest: $l, size: $ls}]}' >"$t/manifest.json"
  manifest_sha=$(sha256sum "$t/manifest.json" | cut -d' ' -f1)
  jq -n -c --arg m "sha256:$manifest_sha" --argjson ms "$(stat -c %s "$t/manifest.json")" --arg name "$name" --arg arch "$arch" \
    '{schemaVersion: 2, manifests: [{mediaType: "application/vnd.oci.image.manifest.v1+json", digest: $m, size: $ms,
      platform: {architecture: $arch, os: "linux"},
      annotations: {"io.containerd.image.name": $name, "org.opencontainers.image.ref.name": ($name | split(":") | last)}}]}' >"$t/index.json"
  mv "$t/config.json" "$t/blobs/sha256/$config_sha"
  mv "$t/manifest.json" "$t/blobs/sha256/$manifest_sha"
  echo '{"imageLayoutVersion":"1.0.0"}' >"$t/oci-layout"
  tar -C "$t" -cf "$out" oci-layout index.json blobs
  rm -rf "$t"
}

ctrd_socket() { echo "$1/containerd.sock"; }

ctrd_start() {
  local d=$1 netns=$2
  : "${CTRD_CRI_CLIENT:?build tools/cri-client first (rt_cri_client_build)}"
  "$RT_LIB_DIR/node-ns-run.sh" "$netns" containerd --config "$d/config.toml" >"$d/containerd.log" 2>&1 &
  echo $! >"$d/pid"
  if ! rt_poll 30 "$CTRD_CRI_CLIENT" --socket "$d/containerd.sock" --timeout 2 version; then
    rt_log "containerd did not answer on $d/containerd.sock; its log:"; tail -20 "$d/containerd.log" >&2
    return 1
  fi
  ctr --address "$d/containerd.sock" --namespace k8s.io images import "$d/pause.tar" >"$d/import.log" 2>&1 \
    || { cat "$d/import.log" >&2; return 1; }
}

ctrd_cri() {
  local d=$1; shift
  "$CTRD_CRI_CLIENT" --socket "$d/containerd.sock" "$@"
}

ctrd_stop() {
  local d=$1 pid child
  if [ -f "$d/pid" ]; then
    rt_kill_pid "$(cat "$d/pid")" 15
    rm -f "$d/pid"
  fi
  # Shims re-parent away from containerd and outlive it when a sandbox was not removed; they name our socket.
  # Their children first: a pause process is PID 1 of its pid namespace and ignores TERM.
  for pid in $(rt_pids_mentioning "$d/" 'containerd-shim.*'); do
    for child in $(pgrep -P "$pid"); do kill -KILL "$child" 2>/dev/null; done
    rt_kill_pid "$pid" 5
  done
  rt_unmount_under "$d"
}

# ctrd_remove_sandboxes D: stop and remove every pod sandbox the daemon knows, through CRI, so the CNI DELs run
# (also for a sandbox whose RunPodSandbox was interrupted before its id reached the caller).
# Each sandbox's netns path is noted in D/pod-netns first: containerd 1.6 leaks the netns of a sandbox whose
# network setup failed ("cni plugin not initialized") and CRI no longer knows that sandbox; ctrd_teardown
# removes what is left at those paths once the daemon is gone.
ctrd_remove_sandboxes() {
  local d=$1 id
  [ -S "$d/containerd.sock" ] && [ -n "${CTRD_CRI_CLIENT:-}" ] || return 0
  for id in $(ctr --address "$d/containerd.sock" --namespace k8s.io containers ls -q 2>/dev/null); do
    ctr --address "$d/containerd.sock" --namespace k8s.io containers info "$id" 2>/dev/null \
      | jq -r '.Spec.linux.namespaces[]? | select(.type == "network") | .path // empty' >>"$d/pod-netns"
    ctrd_cri "$d" --timeout 20 stopp "$id" >/dev/null 2>&1
    ctrd_cri "$d" --timeout 20 rmp "$id" >/dev/null 2>&1
  done
  return 0
}

ctrd_teardown() {
  local d=$1
  [ -d "$d" ] || return 0
  ctrd_remove_sandboxes "$d"
  ctrd_stop "$d"
  local p
  for p in $(sort -u "$d/pod-netns" 2>/dev/null); do
    [ -e "$p" ] || continue
    umount "$p" 2>/dev/null; rm -f "$p"
  done
  rm -rf "$d"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  exec "$RT_LIB_DIR/selftest.sh" --runtime containerd "$@"
fi
