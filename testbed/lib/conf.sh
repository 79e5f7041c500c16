# shellcheck shell=bash
# Renders the conflist templates in testbed/conf/ for one underlay network.

# tb_ranges_json FAMILY NET: host-local `ranges` for ul0/ul1 in family 4, 6 or dual.
tb_ranges_json() {
  local family=$1 net=$2 r4 r6
  if [ "$net" = ul0 ]; then
    r4=$(printf '[{"subnet":"%s","rangeStart":"%s","rangeEnd":"%s","gateway":"%s"}]' "$UL0_NET4" "${UL0_POOL4[0]}" "${UL0_POOL4[1]}" "$UL0_GW4")
    r6=$(printf '[{"subnet":"%s","rangeStart":"%s","rangeEnd":"%s","gateway":"%s"}]' "$UL0_NET6" "${UL0_POOL6[0]}" "${UL0_POOL6[1]}" "$UL0_GW6")
  else
    r4=$(printf '[{"subnet":"%s","rangeStart":"%s","rangeEnd":"%s","gateway":"%s"}]' "$UL1_NET4" "${UL1_POOL4[0]}" "${UL1_POOL4[1]}" "$UL1_GW4")
    r6=$(printf '[{"subnet":"%s","rangeStart":"%s","rangeEnd":"%s","gateway":"%s"}]' "$UL1_NET6" "${UL1_POOL6[0]}" "${UL1_POOL6[1]}" "$UL1_GW6")
  fi
  case $family in
    4) printf '[%s]' "$r4" ;;
    6) printf '[%s]' "$r6" ;;
    dual) printf '[%s,%s]' "$r4" "$r6" ;;
  esac
}

# Default routes through the underlay gateway: what makes a second NIC's default compete with eth0's.
tb_routes_json() {
  case $1 in
    4) printf '[{"dst":"0.0.0.0/0"}]' ;;
    6) printf '[{"dst":"::/0"}]' ;;
    dual) printf '[{"dst":"0.0.0.0/0"},{"dst":"::/0"}]' ;;
  esac
}

# tb_conflist OUT [version=1.0.0] [net=ul0|ul1] [family=4|6|dual] [plugin=none|veth|veth-hijack] [extra=JSON-members]
#             [ipam=DIR]
#   extra is spliced into the veth plugin's object, e.g. extra='"hardware_prefix": "0a:1b"';
#   ipam names host-local's data dir under the work dir (default "pool": one pool per LAN for the whole run).
# The network name is per underlay LAN, not per variant, so host-local hands out addresses from one pool
# whichever plugin chain is used.
tb_conflist() {
  local out=$1 kv version=1.0.0 net=ul0 family=dual plugin=veth extra="" ipam=pool tmpl master text
  shift
  for kv; do
    case $kv in
      version=*) version=${kv#*=} ;;
      net=*) net=${kv#*=} ;;
      family=*) family=${kv#*=} ;;
      plugin=*) plugin=${kv#*=} ;;
      extra=*) extra=${kv#*=} ;;
      ipam=*) ipam=${kv#*=} ;;
      *) tb_log "tb_conflist: unknown argument $kv"; return 1 ;;
    esac
  done
  case $plugin in
    none) tmpl=macvlan ;;
    veth) tmpl=macvlan-veth ;;
    veth-hijack) tmpl=macvlan-veth-hijack ;;
    *) tb_log "tb_conflist: unknown plugin $plugin"; return 1 ;;
  esac
  case $net in ul0) master=ens192 ;; ul1) master=ens224 ;; *) tb_log "tb_conflist: unknown net $net"; return 1 ;; esac
  text=$(<"$TB_DIR/conf/$tmpl.conflist.tmpl")
  text=${text//@CNI_VERSION@/$version}
  text=${text//@NAME@/spt-$net}
  text=${text//@MASTER@/$master}
  text=${text//@IPAM_DIR@/$TB_WORK/ipam/$ipam}
  text=${text//@RANGES@/$(tb_ranges_json "$family" "$net")}
  text=${text//@ROUTES@/$(tb_routes_json "$family")}
  text=${text//@CLUSTER_CIDRS@/[\"$CLUSTER_CIDR4\",\"$CLUSTER_CIDR6\"]}
  text=${text//@SERVICE_CIDRS@/[\"$SERVICE_CIDR4\",\"$SERVICE_CIDR6\"]}
  text=${text//@STATE_DIR@/$TB_WORK/state}
  text=${text//@LOG_FILE@/$TB_WORK/veth.log}
  text=${text//@EXTRA@/${extra:+, $extra}}
  jq . <<<"$text" >"$out" || { tb_log "tb_conflist: $tmpl rendered invalid JSON"; return 1; }
}
