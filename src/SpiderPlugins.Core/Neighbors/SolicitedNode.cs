using System.Net;
using System.Net.Sockets;

namespace SpiderPlugins.Core.Neighbors;

/// <summary>RFC 4291 §2.7.1 solicited-node multicast group: ff02::1:ff00:0/104 plus the low 24 bits.</summary>
public static class SolicitedNode
{
    public static IPAddress Address(IPAddress ip)
    {
        if (ip.AddressFamily != AddressFamily.InterNetworkV6)
        {
            throw new ArgumentException($"solicited-node groups exist only for IPv6, got {ip}", nameof(ip));
        }

        var b = ip.GetAddressBytes();
        return new IPAddress(new byte[] { 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0xff, b[13], b[14], b[15] });
    }

    /// <summary>33:33:ff:xx:xx:xx for the solicited-node group of <paramref name="ip"/>.</summary>
    public static byte[] Mac(IPAddress ip) => MacAddress.ForIpv6Multicast(Address(ip));
}
