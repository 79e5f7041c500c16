using System.Net;
using System.Net.Sockets;

namespace SpiderPlugins.Core.Neighbors;

/// <summary>48-bit Ethernet address helpers shared by the ARP and NDP builders.</summary>
public static class MacAddress
{
    public const int Length = 6;

    public static ReadOnlySpan<byte> Broadcast => [0xff, 0xff, 0xff, 0xff, 0xff, 0xff];

    /// <summary>RFC 2464 §7: 33:33 followed by the low 32 bits of the IPv6 multicast group.</summary>
    public static byte[] ForIpv6Multicast(IPAddress group)
    {
        if (group.AddressFamily != AddressFamily.InterNetworkV6 || !group.IsIPv6Multicast)
        {
            throw new ArgumentException($"{group} is not an IPv6 multicast address", nameof(group));
        }

        var bytes = group.GetAddressBytes();
        return [0x33, 0x33, bytes[12], bytes[13], bytes[14], bytes[15]];
    }

    /// <summary>Lower-case, colon separated, as `ip link` prints it.</summary>
    public static string Format(ReadOnlySpan<byte> mac)
    {
        return Model.Format.Mac(mac);
    }

    internal static void RequireValid(ReadOnlySpan<byte> mac, string parameter)
    {
        if (mac.Length != Length)
        {
            throw new ArgumentException($"a MAC address has {Length} bytes, got {mac.Length}", parameter);
        }
    }
}
