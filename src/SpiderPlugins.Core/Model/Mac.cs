using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace SpiderPlugins.Core.Model;

public static class Mac
{
    /// <summary>A random locally-administered unicast MAC (bit 1 of the first byte set, bit 0 clear).</summary>
    public static byte[] RandomLocal()
    {
        var mac = new byte[6];
        RandomNumberGenerator.Fill(mac);
        mac[0] = (byte)((mac[0] & 0xfe) | 0x02);
        return mac;
    }

    /// <summary>
    /// prefix (2 bytes) followed by the IPv4 address's 4 bytes, or the last 4 bytes of an IPv6 address. Built from
    /// the bytes themselves, so addresses with leading zero bytes (::ffff:a.b.c.d, ::1:2) give a full, correct MAC.
    /// </summary>
    public static byte[] FromIp(ReadOnlySpan<byte> prefix, IPAddress ip)
    {
        var bytes = ip.GetAddressBytes();
        var mac = new byte[6];
        prefix[..2].CopyTo(mac);
        bytes.AsSpan(bytes.Length - 4).CopyTo(mac.AsSpan(2));
        return mac;
    }

    public static bool IsIPv4(IPAddress ip) => ip.AddressFamily == AddressFamily.InterNetwork;
}
