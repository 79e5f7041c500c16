using System.Net;
using System.Net.Sockets;
using SpiderPlugins.Core.Logging;
using SpiderPlugins.Netlink;

namespace SpiderPlugins.Plugins.Veth;

/// <summary>DEL of a secondary NIC while the pod lives on (hot-unplug): its rules and policy table go.</summary>
public static class PodCleanup
{
    public static void RemoveNicTable(NetnsHandle pod, uint table, IReadOnlyList<IPAddress> podIps, Logger log)
    {
        using var nl = RtNetlink.OpenIn(pod);
        foreach (var family in (AddressFamily[])[AddressFamily.InterNetwork, AddressFamily.InterNetworkV6])
        {
            foreach (var rule in nl.ListRules(family))
            {
                if (rule.Table == table && rule.Src is { } src && podIps.Contains(src.BaseAddress))
                {
                    Try(() => nl.DeleteRule(rule), log);
                }
            }

            foreach (var route in nl.ListRoutes(family, table))
            {
                Try(() => nl.DeleteRoute(route), log);
            }
        }
    }

    private static void Try(Action a, Logger log)
    {
        try
        {
            a();
        }
        catch (NetlinkException e) when (!e.IsNotFound)
        {
            log.Warn($"pod cleanup: {e.Message}");
        }
        catch (NetlinkException)
        {
        }
    }
}
