using System.Net;
using System.Net.Sockets;

namespace SpiderPlugins.Netlink.Codecs;

/// <summary>Linux AF_* numbers (AF_INET6 is 10 on Linux, but AddressFamily.InterNetworkV6 is 23 in .NET).</summary>
internal static class Family
{
    public const byte AF_UNSPEC = 0;
    public const byte AF_INET = 2;
    public const byte AF_INET6 = 10;

    public static byte ToLinux(AddressFamily family) => family switch
    {
        AddressFamily.Unspecified => AF_UNSPEC,
        AddressFamily.InterNetwork => AF_INET,
        AddressFamily.InterNetworkV6 => AF_INET6,
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, "only IPv4, IPv6 or Unspecified"),
    };

    public static byte Of(IPAddress ip) => ToLinux(ip.AddressFamily);

    /// <summary>Maps AF_INET/AF_INET6; anything else (bridge FDB, MPLS...) yields Unknown so callers can skip it.</summary>
    public static AddressFamily FromLinux(byte af) => af switch
    {
        AF_INET => AddressFamily.InterNetwork,
        AF_INET6 => AddressFamily.InterNetworkV6,
        AF_UNSPEC => AddressFamily.Unspecified,
        _ => AddressFamily.Unknown,
    };

    public static int MaxPrefix(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? 128 : 32;
}
