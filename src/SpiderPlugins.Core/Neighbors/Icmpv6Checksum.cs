using System.Buffers.Binary;
using System.Net;

namespace SpiderPlugins.Core.Neighbors;

/// <summary>RFC 4443 §2.3: one's complement sum over the IPv6 pseudo-header and the ICMPv6 message.</summary>
public static class Icmpv6Checksum
{
    private const byte NextHeaderIcmpv6 = 58;

    /// <summary>The checksum field of <paramref name="message"/> (bytes 2–3) must be zero, or use <see cref="IsValid"/>.</summary>
    public static ushort Compute(IPAddress source, IPAddress destination, ReadOnlySpan<byte> message)
    {
        Span<byte> pseudo = stackalloc byte[40];
        source.TryWriteBytes(pseudo[..16], out _);
        destination.TryWriteBytes(pseudo.Slice(16, 16), out _);
        BinaryPrimitives.WriteUInt32BigEndian(pseudo[32..], (uint)message.Length);
        pseudo[39] = NextHeaderIcmpv6;

        ulong sum = Sum(pseudo) + Sum(message);
        while (sum >> 16 != 0)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    /// <summary>A received message including its checksum sums to 0xffff, i.e. the complement is zero.</summary>
    public static bool IsValid(IPAddress source, IPAddress destination, ReadOnlySpan<byte> message) =>
        Compute(source, destination, message) == 0;

    private static ulong Sum(ReadOnlySpan<byte> data)
    {
        ulong sum = 0;
        var i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if (i < data.Length)
        {
            sum += (ulong)data[i] << 8;    // odd length: pad with a zero byte
        }

        return sum;
    }
}
