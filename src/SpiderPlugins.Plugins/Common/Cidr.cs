using System.Net;
using System.Net.Sockets;

namespace SpiderPlugins.Plugins.Common;

/// <summary>CIDR text handling that accepts host bits (users write 10.233.64.1/18) and canonicalises.</summary>
public static class Cidr
{
    public static bool TryParse(string text, out IPNetwork network)
    {
        network = default;
        if (text.AsSpan().IndexOfAnyExcept("0123456789abcdefABCDEF.:/") >= 0)
        {
            return false; // no zone ids, NULs, spaces or other characters the address parser would skip over
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || text.Contains('%', StringComparison.Ordinal) || !IPAddress.TryParse(text.AsSpan(0, slash), out var ip)
            || !int.TryParse(text.AsSpan(slash + 1), System.Globalization.NumberStyles.None, null, out var len))
        {
            return false;
        }

        var max = ip.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (len > max || text.AsSpan(slash + 1).Length > 3 || text.AsSpan(slash + 1).IndexOfAnyExcept("0123456789") >= 0)
        {
            return false;
        }

        // IPv4 only in dotted-quad form: the parser also takes "1.2.3" and "0x0a000000", which no operator means.
        if (ip.AddressFamily == AddressFamily.InterNetwork && !IsDottedQuad(text.AsSpan(0, slash)))
        {
            return false;
        }

        network = new IPNetwork(Mask(ip, len), len);
        return true;
    }

    public static IPAddress Mask(IPAddress ip, int prefixLength)
    {
        var bytes = ip.GetAddressBytes();
        for (var bit = prefixLength; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IPAddress(bytes);
    }

    private static bool IsDottedQuad(ReadOnlySpan<char> s)
    {
        var parts = 0;
        foreach (var range in s.Split('.'))
        {
            var part = s[range];
            if (part.IsEmpty || part.Length > 3 || part.IndexOfAnyExcept("0123456789") >= 0)
            {
                return false;
            }

            parts++;
        }

        return parts == 4;
    }

    /// <summary>The host route for one address: /32 or /128.</summary>
    public static IPNetwork Host(IPAddress ip) =>
        new(ip, ip.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
}
