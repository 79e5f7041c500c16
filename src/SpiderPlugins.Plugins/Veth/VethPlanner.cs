using System.Net;
using System.Net.Sockets;
using SpiderPlugins.Core.Model;
using SpiderPlugins.Core.Naming;
using SpiderPlugins.Netlink.Objects;
using SpiderPlugins.Plugins.Common;

namespace SpiderPlugins.Plugins.Veth;

/// <summary>
/// Config × facts → desired kernel state, with no I/O, so every routing decision is unit-tested without root.
///
/// Primary interface (eth0): a veth pair; in the pod, node IPs as /32 (/128) link routes and every hijack CIDR via
/// the node IP of its family, all through veth0, plus PERMANENT neighbours for the node IPs; on the host, the pod IPs
/// in the host table behind `from all lookup table`, with PERMANENT neighbours back.
/// Secondary interfaces (net1, net2...): no new veth; the NIC's default route moves to its own policy table selected
/// by `from its IPs`, its other routes are copied there, and node and hijack routes in that table go via veth0.
/// </summary>
public static class VethPlanner
{
    public static VethPlan Plan(VethConfig cfg, VethFacts facts, string ifName, string hostVeth)
    {
        var podIps = facts.Addresses.Select(a => a.Ip).Distinct().ToList();
        if (podIps.Count == 0)
        {
            throw new PlanException($"no usable IP addresses on {ifName}: veth needs the pod's address to route back to it");
        }

        var v4 = podIps.Any(ip => ip.AddressFamily == AddressFamily.InterNetwork);
        var v6 = podIps.Any(ip => ip.AddressFamily == AddressFamily.InterNetworkV6);
        var nodeIps = facts.NodeIps.Where(ip => (ip.AddressFamily == AddressFamily.InterNetwork && v4) || (ip.AddressFamily == AddressFamily.InterNetworkV6 && v6)).Distinct().ToList();
        var gw4 = nodeIps.FirstOrDefault(ip => ip.AddressFamily == AddressFamily.InterNetwork);
        var gw6 = nodeIps.FirstOrDefault(ip => ip.AddressFamily == AddressFamily.InterNetworkV6);
        var src4 = podIps.FirstOrDefault(ip => ip.AddressFamily == AddressFamily.InterNetwork);

        var o = new List<KernelObject>();

        // IPv6 must be enabled before any IPv6 neighbour or route can be added; rp_filter takes max(all, dev).
        if (v6)
        {
            o.Add(new SysctlObject(Side.Pod, "ipv6/conf/all/disable_ipv6", "0"));
            o.Add(new SysctlObject(Side.Pod, "ipv6/conf/default/disable_ipv6", "0"));
            o.Add(new SysctlObject(Side.Pod, $"ipv6/conf/{ifName}/disable_ipv6", "0"));
        }

        if (cfg.PodRpFilter is { } rp)
        {
            var value = rp.ToString(System.Globalization.CultureInfo.InvariantCulture);
            o.Add(new SysctlObject(Side.Pod, "ipv4/conf/all/rp_filter", value));
            o.Add(new SysctlObject(Side.Pod, "ipv4/conf/default/rp_filter", value));
            o.Add(new SysctlObject(Side.Pod, $"ipv4/conf/{ifName}/rp_filter", value));
        }

        uint? nicTable = null;
        var table = Names.MainTable;
        if (facts.Primary)
        {
            var mtu = cfg.VethMtu ?? facts.Interface.Mtu;
            o.Add(new VethPairObject(Names.PodVeth, hostVeth, mtu > 0 ? mtu : 1500));
            if (v6)
            {
                o.Add(new SysctlObject(Side.Pod, $"ipv6/conf/{Names.PodVeth}/disable_ipv6", "0"));
            }

            if (cfg.PodRpFilter is { } rpv)
            {
                o.Add(new SysctlObject(Side.Pod, $"ipv4/conf/{Names.PodVeth}/rp_filter", rpv.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            // The host end must never learn routes from router advertisements (CVE-2020-10749 class).
            o.Add(new SysctlObject(Side.Host, $"ipv6/conf/{hostVeth}/accept_ra", "0", Optional: true));
            if (cfg.HostVethRpFilter is { } hrp)
            {
                o.Add(new SysctlObject(Side.Host, $"ipv4/conf/{hostVeth}/rp_filter", hrp.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            o.Add(new LinkUpObject(Side.Host, hostVeth));
            o.Add(new LinkUpObject(Side.Pod, Names.PodVeth, WaitRunning: true));
        }
        else if (cfg.MoveRoutes)
        {
            table = ChooseTable(ifName, facts, podIps);
            nicTable = table;
        }

        // Pod: node IPs are directly on the other end of veth0, with neighbours pinned so no ARP/NDP is needed.
        if (facts.Primary || nicTable is not null)
        {
            foreach (var ip in nodeIps)
            {
                o.Add(new RouteObject(Side.Pod, Names.PodVeth, new Route
                {
                    Family = ip.AddressFamily,
                    Dst = Cidr.Host(ip),
                    Scope = Names.ScopeLink,
                    Table = table,
                    Protocol = Names.RouteProtocol,
                    PrefSrc = Src(ip, src4),
                }));
            }

            foreach (var cidr in cfg.HijackCidrs)
            {
                var gw = cidr.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? gw4 : gw6;
                if (gw is null)
                {
                    continue; // the pod has no address of this family (single-stack pod in a dual-stack cluster)
                }

                o.Add(new RouteObject(Side.Pod, Names.PodVeth, new Route
                {
                    Family = gw.AddressFamily,
                    Dst = cidr,
                    Gateway = gw,
                    Table = table,
                    Protocol = Names.RouteProtocol,
                    PrefSrc = Src(gw, src4),
                }));
            }
        }

        foreach (var ip in nodeIps)
        {
            o.Add(new NeighborObject(Side.Pod, Names.PodVeth, ip, Side.Host, hostVeth));
        }

        if (nicTable is { } t)
        {
            AddMovedRoutes(o, facts, ifName, t);
            var priority = Names.PodRuleBasePriority + (t - Names.FirstNicTable);
            foreach (var ip in podIps)
            {
                o.Add(new RuleObject(Side.Pod, new Rule { Family = ip.AddressFamily, Src = Cidr.Host(ip), Table = t, Priority = priority }));
            }
        }

        // Host: the pod IPs live behind the host veth, in the host table consulted before main.
        foreach (var family in Families(v4, v6))
        {
            o.Add(new RuleObject(Side.Host, new Rule { Family = family, Table = cfg.HostTable, Priority = Names.HostRulePriority }));
        }

        foreach (var ip in podIps)
        {
            o.Add(new RouteObject(Side.Host, hostVeth, new Route
            {
                Family = ip.AddressFamily,
                Dst = Cidr.Host(ip),
                Scope = Names.ScopeLink,
                Table = cfg.HostTable,
                Protocol = Names.RouteProtocol,
            }));
            o.Add(new NeighborObject(Side.Host, hostVeth, ip, Side.Pod, Names.PodVeth));
        }

        return new VethPlan { Objects = o, PodIps = podIps, NodeIps = nodeIps, NicTable = nicTable };
    }

    /// <summary>IPv4 routes get the interface's own address as source so replies are symmetric; IPv6 gets none
    /// because the kernel refuses a source that is still tentative (DAD), and we never wait for DAD.</summary>
    private static IPAddress? Src(IPAddress dst, IPAddress? src4) =>
        dst.AddressFamily == AddressFamily.InterNetwork ? src4 : null;

    private static IEnumerable<AddressFamily> Families(bool v4, bool v6)
    {
        if (v4)
        {
            yield return AddressFamily.InterNetwork;
        }

        if (v6)
        {
            yield return AddressFamily.InterNetworkV6;
        }
    }

    /// <summary>
    /// net&lt;N&gt; gets 100 + N - 1 as in the dialects we replace, unless another NIC's rules already use it; other
    /// names get the lowest free table from 100. A table already selected by rules from our own IPs is kept (re-ADD).
    /// </summary>
    internal static uint ChooseTable(string ifName, VethFacts facts, IReadOnlyList<IPAddress> podIps)
    {
        var taken = new HashSet<uint>();
        foreach (var r in facts.PodRules)
        {
            if (r.Src is { } src && src.PrefixLength == (src.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? 32 : 128)
                && podIps.Contains(src.BaseAddress) && r.Table >= Names.FirstNicTable)
            {
                return r.Table;
            }

            taken.Add(r.Table);
        }

        if (ifName.StartsWith("net", StringComparison.Ordinal)
            && uint.TryParse(ifName.AsSpan(3), System.Globalization.NumberStyles.None, null, out var n) && n is >= 1 and < 1000
            && !taken.Contains(Names.FirstNicTable + n - 1))
        {
            return Names.FirstNicTable + n - 1;
        }

        var t = Names.FirstNicTable;
        while (taken.Contains(t))
        {
            t++;
        }

        return t;
    }

    /// <summary>
    /// The NIC's default route moves from main to its table (IPv6 multipath: only this NIC's nexthop moves); its
    /// other main routes are copied, so subnet routes stay visible in main for tools that expect them there.
    /// On a re-ADD the default is already in the table and is planned from there.
    /// </summary>
    private static void AddMovedRoutes(List<KernelObject> o, VethFacts facts, string ifName, uint table)
    {
        var index = facts.Interface.Index;
        foreach (var r in facts.PodRoutes)
        {
            if (r.Table != Names.MainTable && r.Table != table)
            {
                continue;
            }

            if (r.Dst is { } dst && (dst.BaseAddress.IsIPv6LinkLocal || dst.BaseAddress.IsIPv6Multicast))
            {
                continue;
            }

            if (r.MultiPath is { } hops)
            {
                foreach (var hop in hops.Where(h => h.OutIndex == index))
                {
                    var single = new Route { Family = r.Family, Dst = r.Dst, Gateway = hop.Gateway, Table = table, Protocol = Names.RouteProtocol, Metric = r.Metric };
                    o.Add(new RouteObject(Side.Pod, ifName, single));
                    if (r.Dst is null && r.Table == Names.MainTable)
                    {
                        o.Add(new AbsentRouteObject(Side.Pod, ifName, single with { Table = Names.MainTable, Metric = r.Metric, Protocol = r.Protocol }));
                    }
                }

                continue;
            }

            if (r.OutIndex != index)
            {
                continue;
            }

            o.Add(new RouteObject(Side.Pod, ifName, r with { Table = table, OutIndex = null, Protocol = r.Dst is null ? Names.RouteProtocol : r.Protocol }));
            if (r.Dst is null && r.Table == Names.MainTable)
            {
                o.Add(new AbsentRouteObject(Side.Pod, ifName, r with { OutIndex = null }));
            }
        }
    }
}

/// <summary>The kernel state makes the plan impossible (e.g. the interface has no address).</summary>
public sealed class PlanException(string message) : Exception(message);
