using System.Net;
using System.Net.Sockets;

namespace SpiderPlugins.Core.Neighbors;

internal static class AddressLists
{
    /// <summary>Distinct addresses split by family; IPv4-mapped IPv6 addresses count as the IPv4 they carry (ARP, not NDP).</summary>
    public static (IPAddress[] V4, IPAddress[] V6) ByFamily(IReadOnlyList<IPAddress> ips)
    {
        var normalized = ips.Select(ip => ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).Distinct().ToArray();
        return (normalized.Where(ip => ip.AddressFamily == AddressFamily.InterNetwork).ToArray(),
            normalized.Where(ip => ip.AddressFamily == AddressFamily.InterNetworkV6).ToArray());
    }
}
