using System.Net;
using System.Net.Sockets;
using SpiderPlugins.Netlink;
using SpiderPlugins.Netlink.Objects;

namespace SpiderPlugins.Plugins.Veth;

/// <summary>
/// The node's addresses the pod must reach through veth0. First, per pod IP, the node address facing it: the one
/// whose subnet holds the pod IP (what `ip route get` answers for a macvlan pod, but independent of the host routes
/// we add ourselves), else the route-get source. Then the node's other addresses, except those of CNI and virtual
/// interfaces (anchored names: "lo" excludes lo, not vlan-local).
/// </summary>
public static class NodeAddresses
{
    private static readonly string[] ExcludedPrefixes =
        ["docker", "cbr", "dummy", "virbr", "lxcbr", "veth", "cali", "tunl", "flannel", "kube-ipvs", "cni", "vx-submariner", "cilium", "nodelocaldns", "kube-bridge", "weave", "lxc"];

    public static List<IPAddress> Discover(RtNetlink host, IReadOnlyList<IPAddress> podIps)
    {
        var all = host.ListAddresses();
        var result = new List<IPAddress>();
        var names = new Dictionary<int, string?>();

        foreach (var pod in podIps)
        {
            IPAddress? facing = null;
            foreach (var a in all)
            {
                if (a.Ip.AddressFamily == pod.AddressFamily && Usable(a) && !a.Ip.Equals(pod)
                    && new IPNetwork(Common.Cidr.Mask(a.Ip, a.PrefixLength), a.PrefixLength).Contains(pod)
                    && !Excluded(NameOf(host, names, a.Index)))
                {
                    facing = a.Ip;
                    break;
                }
            }

            if (facing is null)
            {
                try
                {
                    var r = host.RouteGet(pod);
                    if (r.PrefSrc is { } src && !(r.OutIndex is { } oif && Excluded(NameOf(host, names, oif))))
                    {
                        facing = src;
                    }
                }
                catch (NetlinkException)
                {
                    // Unreachable from the node: the pod then only gets the node's other addresses.
                }
            }

            if (facing is not null && !result.Contains(facing))
            {
                result.Add(facing);
            }
        }

        foreach (var a in all)
        {
            if (Usable(a) && !result.Contains(a.Ip) && !Excluded(NameOf(host, names, a.Index)))
            {
                result.Add(a.Ip);
            }
        }

        return result;
    }

    internal static bool Excluded(string? name)
    {
        if (name is null or "lo")
        {
            return true;
        }

        foreach (var p in ExcludedPrefixes)
        {
            if (name.StartsWith(p, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Usable(Address a) =>
        a.Scope == 0 && !a.Ip.IsIPv6LinkLocal && !a.Ip.IsIPv6Multicast && (a.Flags & 0x8) == 0 // IFA_F_DADFAILED
        && !(a.Ip.AddressFamily == AddressFamily.InterNetwork && a.Ip.GetAddressBytes()[0] is 127 or >= 224);

    private static string? NameOf(RtNetlink host, Dictionary<int, string?> cache, int index)
    {
        if (!cache.TryGetValue(index, out var name))
        {
            name = host.GetLink(index)?.Name;
            cache[index] = name;
        }

        return name;
    }
}
