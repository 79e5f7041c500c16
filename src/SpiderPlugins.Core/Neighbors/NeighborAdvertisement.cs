using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.NetworkInformation;

namespace SpiderPlugins.Core.Neighbors;

/// <summary>A Neighbor Advertisement as received in a full Ethernet frame.</summary>
/// <param name="FrameSource">Ethernet source MAC.</param>
/// <param name="TargetLinkLayerAddress">The target link-layer option, when present.</param>
public sealed record NeighborAdvertisement(
    PhysicalAddress FrameSource,
    IPAddress Source,
    IPAddress Destination,
    IPAddress Target,
    bool Router,
    bool Solicited,
    bool Override,
    PhysicalAddress? TargetLinkLayerAddress)
{
    /// <summary>Who claims the target: the option if given, else the frame's sender (RFC 4861 §4.4).</summary>
    public PhysicalAddress Owner => TargetLinkLayerAddress ?? FrameSource;

    /// <summary>
    /// Parses an Ethernet frame carrying an NA and applies the RFC 4861 §7.1.2 validity checks that
    /// matter here (hop limit 255, code 0, checksum, sane options). Anything else yields false.
    /// Extension headers are not followed: ND messages are sent without them.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> frame, [NotNullWhen(true)] out NeighborAdvertisement? advertisement)
    {
        advertisement = null;
        if (frame.Length < NdpFrame.HeadersLength + NdpFrame.MessageLength
            || BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) != EtherType.Ipv6)
        {
            return false;
        }

        var ip = frame[NdpFrame.EthernetHeaderLength..];
        int payloadLength = BinaryPrimitives.ReadUInt16BigEndian(ip[4..]);
        if (ip[0] >> 4 != 6
            || ip[6] != NdpFrame.NextHeaderIcmpv6
            || ip[7] != NdpFrame.HopLimit
            || payloadLength < NdpFrame.MessageLength
            || payloadLength > ip.Length - NdpFrame.Ipv6HeaderLength)
        {
            return false;
        }

        var message = ip.Slice(NdpFrame.Ipv6HeaderLength, payloadLength);
        var source = new IPAddress(ip.Slice(8, 16));
        var destination = new IPAddress(ip.Slice(24, 16));
        if (message[0] != NdpFrame.NeighborAdvertisement
            || message[1] != 0
            || !Icmpv6Checksum.IsValid(source, destination, message))
        {
            return false;
        }

        var target = new IPAddress(message.Slice(8, 16));
        if (target.IsIPv6Multicast)
        {
            return false;
        }

        PhysicalAddress? tlla = null;
        var options = message[NdpFrame.MessageLength..];
        while (!options.IsEmpty)
        {
            // Every option is at least 8 bytes; a zero length would loop forever and must be dropped.
            if (options.Length < 8 || options[1] == 0 || options[1] * 8 > options.Length)
            {
                return false;
            }

            var length = options[1] * 8;
            if (options[0] == NdpFrame.OptionTargetLinkLayerAddress && length == 8)
            {
                tlla = new PhysicalAddress(options.Slice(2, MacAddress.Length).ToArray());
            }

            options = options[length..];
        }

        var flags = message[4];
        advertisement = new NeighborAdvertisement(
            new PhysicalAddress(frame.Slice(6, MacAddress.Length).ToArray()),
            source,
            destination,
            target,
            Router: (flags & 0x80) != 0,
            Solicited: (flags & 0x40) != 0,
            Override: (flags & 0x20) != 0,
            tlla);
        return true;
    }
}
