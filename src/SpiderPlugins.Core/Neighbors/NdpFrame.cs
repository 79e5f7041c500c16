using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace SpiderPlugins.Core.Neighbors;

/// <summary>
/// Complete Ethernet + IPv6 + ICMPv6 Neighbor Discovery frames (RFC 4861) for an AF_PACKET SOCK_RAW
/// socket. Built by hand because a raw ICMPv6 socket cannot send from the unspecified address.
/// </summary>
public static class NdpFrame
{
    public const int EthernetHeaderLength = 14;
    public const int Ipv6HeaderLength = 40;
    public const int HeadersLength = EthernetHeaderLength + Ipv6HeaderLength;
    public const byte NeighborSolicitation = 135;
    public const byte NeighborAdvertisement = 136;
    public const byte OptionTargetLinkLayerAddress = 2;
    public const byte NextHeaderIcmpv6 = 58;

    /// <summary>RFC 4861 §7.1: receivers drop ND messages whose hop limit is not 255 (not forwarded).</summary>
    public const byte HopLimit = 255;

    // Type, code, checksum, 4 bytes flags/reserved, 16 bytes target.
    internal const int MessageLength = 24;
    private const byte FlagOverride = 0x20;

    public static readonly IPAddress AllNodes = IPAddress.Parse("ff02::1");

    /// <summary>
    /// Duplicate Address Detection probe (RFC 4862 §5.4.2): NS from :: to the solicited-node group of
    /// <paramref name="target"/>, without a source link-layer option (forbidden with source ::).
    /// An owner answers with an NA to ff02::1.
    /// </summary>
    public static byte[] DadSolicitation(ReadOnlySpan<byte> sourceMac, IPAddress target)
    {
        RequireIpv6(target);
        var group = SolicitedNode.Address(target);
        var frame = Header(MacAddress.ForIpv6Multicast(group), sourceMac, IPAddress.IPv6Any, group, MessageLength);
        var message = frame.AsSpan(HeadersLength);
        message[0] = NeighborSolicitation;
        target.TryWriteBytes(message[8..], out _);
        Seal(frame, IPAddress.IPv6Any, group);
        return frame;
    }

    /// <summary>
    /// Unsolicited Neighbor Advertisement (RFC 4861 §7.2.6) to ff02::1: Override set, Solicited
    /// clear, target = source = <paramref name="address"/>, target link-layer option = <paramref name="mac"/>.
    /// Peers holding an entry for the address replace its MAC and mark it STALE.
    /// </summary>
    public static byte[] UnsolicitedAdvertisement(ReadOnlySpan<byte> mac, IPAddress address)
    {
        RequireIpv6(address);
        var frame = Header(MacAddress.ForIpv6Multicast(AllNodes), mac, address, AllNodes, MessageLength + 8);
        var message = frame.AsSpan(HeadersLength);
        message[0] = NeighborAdvertisement;
        message[4] = FlagOverride;
        address.TryWriteBytes(message[8..], out _);
        message[24] = OptionTargetLinkLayerAddress;
        message[25] = 1;                               // option length in units of 8 bytes
        mac.CopyTo(message[26..]);
        Seal(frame, address, AllNodes);
        return frame;
    }

    private static byte[] Header(ReadOnlySpan<byte> destinationMac, ReadOnlySpan<byte> sourceMac, IPAddress source, IPAddress destination, int payloadLength)
    {
        MacAddress.RequireValid(sourceMac, nameof(sourceMac));
        var frame = new byte[HeadersLength + payloadLength];
        var span = frame.AsSpan();
        destinationMac.CopyTo(span);
        sourceMac.CopyTo(span[6..]);
        BinaryPrimitives.WriteUInt16BigEndian(span[12..], EtherType.Ipv6);

        var ip = span[EthernetHeaderLength..];
        ip[0] = 0x60;                                  // version 6, traffic class 0, flow label 0
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)payloadLength);
        ip[6] = NextHeaderIcmpv6;
        ip[7] = HopLimit;
        source.TryWriteBytes(ip.Slice(8, 16), out _);
        destination.TryWriteBytes(ip.Slice(24, 16), out _);
        return frame;
    }

    private static void Seal(byte[] frame, IPAddress source, IPAddress destination)
    {
        var message = frame.AsSpan(HeadersLength);
        BinaryPrimitives.WriteUInt16BigEndian(message[2..], Icmpv6Checksum.Compute(source, destination, message));
    }

    private static void RequireIpv6(IPAddress ip)
    {
        if (ip.AddressFamily != AddressFamily.InterNetworkV6)
        {
            throw new ArgumentException($"NDP needs an IPv6 address, got {ip}", nameof(ip));
        }
    }
}
