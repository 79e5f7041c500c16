# shellcheck shell=bash
# The connectivity matrix: real probes (ICMP echo, TCP and UDP request/response) between namespaces, run in
# parallel, and the side-by-side table "without our plugin" vs "with our plugin".
#
# A cell is one line "id|from|kind|target|port|token|expect|label":
#   kind   ping | tcp | udp      (tcp/udp send one line and expect the server's name `token` back)
#   expect fixed  = broken for underlay pods without the plugin, must work with it
#          kept   = works without the plugin, must keep working with it

: "${TB_PROBE_TRIES:=2}"

# tb_probe FROM KIND TARGET PORT TOKEN: one probe; success means the right answer came back.
tb_probe() {
  local from=$1 kind=$2 target=$3 port=$4 token=$5 out try
  for ((try = 1; try <= TB_PROBE_TRIES; try++)); do
    case $kind in
      ping) tb_in "$from" ping -n -q -c1 -W1 "$target" >/dev/null 2>&1 && return 0 ;;
      tcp)
        out=$(tb_in "$from" timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1" && echo probe >&3 && timeout 1 cat <&3' \
          "$target" "$port" 2>/dev/null)
        [ "$out" = "$token" ] && return 0 ;;
      udp)
        out=$(tb_in "$from" timeout 2 bash -c 'exec 3<>"/dev/udp/$0/$1" && echo probe >&3 && timeout 1 dd bs=512 count=1 status=none <&3' \
          "$target" "$port" 2>/dev/null)
        [ "$out" = "$token" ] && return 0 ;;
    esac
  done
  return 1
}

# What a cell tried, in words.
tb_cell_tried() {
  local kind=$1 target=$2 port=$3 token=$4 host=$2
  [[ $target == *:* ]] && host="[$target]"
  case $kind in
    ping) printf 'ping -c1 -W1 %s' "$target" ;;
    tcp) printf 'tcp %s:%s, expect "%s"' "$host" "$port" "$token" ;;
    udp) printf 'udp %s:%s, expect "%s"' "$host" "$port" "$token" ;;
  esac
}

# tb_matrix_cells P Q FAMILIES...: the cells for underlay pod P (peer underlay pod Q backs the underlay Service),
# for each family in which P has an address.
tb_matrix_cells() {
  local p=$1 q=$2 fam ip_p ip_q svc_tcp svc_udp svc_ul ovl node_a node_b ext
  shift 2
  for fam; do
    ip_p=$(tb_pod_ip "$p" eth0 "$fam") ip_q=$(tb_pod_ip "$q" eth0 "$fam")
    [ -n "$ip_p" ] || continue
    if [ "$fam" = 4 ]; then
      svc_tcp=$SVC_TCP4 svc_udp=$SVC_UDP4 svc_ul=$SVC_UL4 ovl=$OVL_IP4 node_a=$NODE_IP4 node_b=$NODE_IP4_B ext=$EXT_IP4
    else
      svc_tcp=$SVC_TCP6 svc_udp=$SVC_UDP6 svc_ul=$SVC_UL6 ovl=$OVL_IP6 node_a=$NODE_IP6 node_b=$NODE_IP6_B ext=$EXT_IP6
    fi
    cat <<EOF
v$fam-svc-tcp|$p|tcp|$svc_tcp|80|ovl1|fixed|$p -> ClusterIP TCP (overlay backend)
v$fam-svc-udp|$p|udp|$svc_udp|53|ovl1|fixed|$p -> ClusterIP UDP (overlay backend)
v$fam-svc-ul|$p|tcp|$svc_ul|80|$q|fixed|$p -> ClusterIP TCP (backend $q)
v$fam-hairpin|$q|tcp|$svc_ul|80|$q|fixed|$q -> ClusterIP TCP (backend itself)
v$fam-ovl|$p|ping|$ovl|||fixed|$p -> overlay pod ovl1
v$fam-node-a|$p|ping|$node_a|||fixed|$p -> node IP (ens192)
v$fam-node-b|$p|ping|$node_b|||fixed|$p -> node IP (ens224)
v$fam-peer|$p|ping|$ip_q|||kept|$p -> underlay pod $q
v$fam-ext|$p|ping|$ext|||kept|$p -> external client
v$fam-node-ping|node|ping|$ip_p|||fixed|node -> $p
v$fam-node-tcp|node|tcp|$ip_p|$TB_TCP_PORT|$p|fixed|node -> $p TCP (health check)
v$fam-ovl-ping|ovl1|ping|$ip_p|||fixed|overlay pod -> $p
v$fam-ovl-svc|ovl1|tcp|$svc_ul|80|$q|fixed|overlay pod -> ClusterIP (backend $q)
v$fam-ext-ping|ext|ping|$ip_p|||kept|external client -> $p
EOF
  done
}

# tb_matrix_run COLUMN CELLS_FILE: runs every cell in parallel; results in $TB_WORK/probe/COLUMN/<id> (ok|fail).
tb_matrix_run() {
  local cells=$2 dir="$TB_WORK/probe/$1" id from kind target port token pids=()
  rm -rf "$dir"; mkdir -p "$dir"
  while IFS='|' read -r id from kind target port token _; do
    [ -n "$id" ] || continue
    ( if tb_probe "$from" "$kind" "$target" "$port" "$token"; then echo ok; else echo fail; fi >"$dir/$id" ) &
    pids+=("$!")
  done <"$cells"
  # only the probes: a bare `wait` would also wait for the pods' servers
  wait "${pids[@]}"
}

tb_cell_result() { cat "$TB_WORK/probe/$1/$2" 2>/dev/null || echo missing; }

tb_mark() { case $1 in ok) printf '✓' ;; fail) printf '✗' ;; *) printf '?' ;; esac; }

# tb_matrix_table CELLS_FILE COLUMN...: the table, one section per family; "!" marks a result that differs from
# what is expected in that column.
tb_matrix_table() {
  local cells=$1 col id from kind target port token expect label line r want section=""
  shift
  while IFS='|' read -r id from kind target port token expect label; do
    [ -n "$id" ] || continue
    if [ "${id%%-*}" != "$section" ]; then
      section=${id%%-*}
      printf '\n  %-42s %-44s' "IP${section#v} probe" "what was tried"
      for col; do printf '  %-8s' "$col"; done
      printf '\n'
    fi
    line=$(printf '  %-42s %-44s' "$label" "$(tb_cell_tried "$kind" "$target" "$port" "$token")")
    for col; do
      r=$(tb_cell_result "$col" "$id")
      want=ok
      [[ $col == without* ]] && [ "$expect" = fixed ] && want=fail
      if [ "$r" = "$want" ]; then line+="  $(tb_mark "$r")       "; else line+="  $(tb_mark "$r")!      "; fi
    done
    printf '%s\n' "$line"
  done <"$cells"
}

# tb_matrix_check CELLS_FILE COLUMN: lists the cells (id) whose result in COLUMN differs from the expectation;
# returns 1 if there is any.
tb_matrix_check() {
  local cells=$1 col=$2 id expect r want bad=""
  while IFS='|' read -r id _ _ _ _ _ expect _; do
    [ -n "$id" ] || continue
    r=$(tb_cell_result "$col" "$id")
    want=ok
    [[ $col == without* ]] && [ "$expect" = fixed ] && want=fail
    [ "$r" = "$want" ] || bad+="$id=$r "
  done <"$cells"
  # shellcheck disable=SC2034  # read by the callers
  TB_MATRIX_BAD=${bad% }
  [ -z "$bad" ]
}
