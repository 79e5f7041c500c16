using System.Net;
using System.Net.Sockets;
using SpiderPlugins.Netlink.Objects;
using SpiderPlugins.Plugins.Veth;

namespace SpiderPlugins.Plugins.Tests.Veth;

internal static class PlannerFixtures
{
    public const string HostVeth = "veth0123456789a";

    public static Link Nic(string name, int index, int mtu = 1500) => new() { Index = index, Name = name, Mtu = mtu, Mac = [2, 0, 0, 0, 0, (byte)index], Kind = "macvlan", Flags = 0x41 };

    public static Address Addr(int index, string cidr)
    {
        var parts = cidr.Split('/');
        return new Address { Index = index, Ip = IPAddress.Parse(parts[0]), PrefixLength = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) };
    }

    public static IPAddress[] Ips(params string[] ips) => ips.Select(IPAddress.Parse).ToArray();

    public static Route Default(string gw, int oif, uint table = 254) => new()
    {
        Family = IPAddress.Parse(gw).AddressFamily,
        Gateway = IPAddress.Parse(gw),
        OutIndex = oif,
        Table = table,
        Protocol = 3,
    };

    public static Route Subnet(string cidr, int oif, string? src = null) => new()
    {
        Family = IPNetwork.Parse(cidr).BaseAddress.AddressFamily,
        Dst = IPNetwork.Parse(cidr),
        OutIndex = oif,
        Scope = 253,
        Protocol = 2,
        PrefSrc = src is null ? null : IPAddress.Parse(src),
    };

    public static VethConfig Cfg(params string[] cidrs) => new()
    {
        HijackCidrs = cidrs.Select(IPNetwork.Parse).ToList(),
        PodRpFilter = 0,
        HostVethRpFilter = null,
    };

    public static string[] Lines(VethPlan p) => p.Objects.Select(o => o.Describe()).ToArray();

    public static AddressFamily V4 => AddressFamily.InterNetwork;
}
