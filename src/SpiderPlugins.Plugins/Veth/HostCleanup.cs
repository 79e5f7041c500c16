using System.Net;
using System.Net.Sockets;
using SpiderPlugins.Core.Logging;
using SpiderPlugins.Core.Naming;
using SpiderPlugins.Netlink;
using SpiderPlugins.Netlink.Objects;
using SpiderPlugins.Plugins.Common;

namespace SpiderPlugins.Plugins.Veth;

/// <summary>
/// Removes what an attachment left on the host, from its state or from names derived from the container ID. Works
/// without the pod's netns: DEL after the netns is gone and GC both land here. Every step tolerates "already gone".
/// </summary>
public static class HostCleanup
{
    public static void Remove(RtNetlink host, string hostVeth, bool primary, IReadOnlyList<IPAddress> podIps, uint table, Logger log)
    {
        var veth = host.GetLink(hostVeth);
        if (veth is not null && veth.Kind != "veth")
        {
            log.Warn($"host link {hostVeth} is a {veth.Kind ?? "non-veth"} link, not ours: left alone");
            veth = null;
        }

        // Routes and neighbours through the host veth: only those that still point at OUR veth. A new sandbox that
        // reuses the pod IP may already have replaced them with its own.
        foreach (var ip in podIps)
        {
            var dst = Cidr.Host(ip);
            foreach (var r in host.ListRoutes(ip.AddressFamily, table))
            {
                if (Equals(r.Dst, dst) && veth is not null && r.OutIndex == veth.Index)
                {
                    Try(() => host.DeleteRoute(r), log);
                }
            }

            if (veth is not null)
            {
                Try(() => host.DeleteNeighbor(new Neighbor { Index = veth.Index, Ip = ip }), log);
            }
        }

        if (primary && veth is not null)
        {
            // Deleting one end deletes the pair, and with it every route and neighbour through it.
            Try(() => host.DeleteLink(veth.Index), log);
        }

        RemoveHostRuleIfUnused(host, table, log);
    }

    /// <summary>The shared `from all lookup table` rule goes when no pod route is left in the table of that family.</summary>
    public static void RemoveHostRuleIfUnused(RtNetlink host, uint table, Logger log)
    {
        foreach (var family in (AddressFamily[])[AddressFamily.InterNetwork, AddressFamily.InterNetworkV6])
        {
            if (host.ListRoutes(family, table).Count > 0)
            {
                continue;
            }

            foreach (var rule in host.ListRules(family))
            {
                if (rule.Table == table && rule.Priority == Names.HostRulePriority && rule.Src is null && rule.Dst is null && rule.Mark is null
                    && rule.IifName is null && rule.OifName is null)
                {
                    Try(() => host.DeleteRule(rule), log);
                }
            }
        }
    }

    private static void Try(Action a, Logger log)
    {
        try
        {
            a();
        }
        catch (NetlinkException e) when (e.IsNotFound)
        {
        }
        catch (NetlinkException e)
        {
            log.Warn($"cleanup: {e.Message}");
        }
    }
}
