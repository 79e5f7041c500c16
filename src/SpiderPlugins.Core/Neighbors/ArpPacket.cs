using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace SpiderPlugins.Core.Neighbors;

/// <summary>
/// An Ethernet/IPv4 ARP packet (RFC 826) as carried after the Ethernet header; what an
/// AF_PACKET SOCK_DGRAM socket sends and receives.
/// </summary>
public sealed record ArpPacket(ushort Operation, PhysicalAddress SenderMac, IPAddress SenderIp, PhysicalAddress TargetMac, IPAddress TargetIp)
{
    public const int Length = 28;
    public const ushort Request = 1;
    public const ushort Reply = 2;

    /// <summary>RFC 5227 probe: "who has ip?" from sender 0.0.0.0, so no peer learns a binding from it.</summary>
    public static byte[] Probe(ReadOnlySpan<byte> ownMac, IPAddress ip) =>
        Build(Request, ownMac, IPAddress.Any, stackalloc byte[MacAddress.Length], Require(ip));

    /// <summary>
    /// Gratuitous ARP request (RFC 5944 §4.6): sender and target IP both the address, target MAC
    /// broadcast. With an existing neighbour entry, peers override the MAC they cached.
    /// </summary>
    public static byte[] Gratuitous(ReadOnlySpan<byte> mac, IPAddress ip) =>
        Build(Request, mac, Require(ip), MacAddress.Broadcast, ip);

    /// <summary>Accepts only Ethernet/IPv4 ARP; trailing bytes (Ethernet padding) are ignored.</summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, [NotNullWhen(true)] out ArpPacket? packet)
    {
        packet = null;
        if (payload.Length < Length
            || BinaryPrimitives.ReadUInt16BigEndian(payload) != 1          // hardware: Ethernet
            || BinaryPrimitives.ReadUInt16BigEndian(payload[2..]) != EtherType.Ipv4
            || payload[4] != MacAddress.Length
            || payload[5] != 4)
        {
            return false;
        }

        packet = new ArpPacket(
            BinaryPrimitives.ReadUInt16BigEndian(payload[6..]),
            new PhysicalAddress(payload.Slice(8, 6).ToArray()),
            new IPAddress(payload.Slice(14, 4)),
            new PhysicalAddress(payload.Slice(18, 6).ToArray()),
            new IPAddress(payload.Slice(24, 4)));
        return true;
    }

    private static byte[] Build(ushort op, ReadOnlySpan<byte> senderMac, IPAddress senderIp, ReadOnlySpan<byte> targetMac, IPAddress targetIp)
    {
        MacAddress.RequireValid(senderMac, nameof(senderMac));
        var p = new byte[Length];
        BinaryPrimitives.WriteUInt16BigEndian(p, 1);
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(2), EtherType.Ipv4);
        p[4] = MacAddress.Length;
        p[5] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(6), op);
        senderMac.CopyTo(p.AsSpan(8));
        senderIp.TryWriteBytes(p.AsSpan(14, 4), out _);
        targetMac.CopyTo(p.AsSpan(18));
        targetIp.TryWriteBytes(p.AsSpan(24, 4), out _);
        return p;
    }

    private static IPAddress Require(IPAddress ip) => ip.AddressFamily == AddressFamily.InterNetwork
        ? ip
        : throw new ArgumentException($"ARP needs an IPv4 address, got {ip}", nameof(ip));
}
