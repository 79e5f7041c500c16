using System.Net;

namespace SpiderPlugins.Announce.Tests.Frames;

/// <summary>
/// Independent RFC 1071 reference: concatenates the pseudo-header and message into one list and
/// folds the carry after every addition (the production code sums first and folds at the end).
/// </summary>
internal static class ReferenceChecksum
{
    public static ushort Icmpv6(IPAddress source, IPAddress destination, byte[] messageWithZeroChecksum)
    {
        var data = new List<byte>();
        data.AddRange(source.GetAddressBytes());
        data.AddRange(destination.GetAddressBytes());
        var length = messageWithZeroChecksum.Length;
        data.AddRange([(byte)(length >> 24), (byte)(length >> 16), (byte)(length >> 8), (byte)length]);
        data.AddRange([0, 0, 0, 58]);
        data.AddRange(messageWithZeroChecksum);
        if (data.Count % 2 == 1)
        {
            data.Add(0);
        }

        var sum = 0;
        for (var i = 0; i < data.Count; i += 2)
        {
            sum += (data[i] << 8) | data[i + 1];
            if (sum > 0xffff)
            {
                sum = (sum & 0xffff) + 1;
            }
        }

        return (ushort)(~sum & 0xffff);
    }
}
