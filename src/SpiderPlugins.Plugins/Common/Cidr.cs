using System.Net;
using System.Net.Sockets;

namespace SpiderPlugins.Plugins.Common;

/// <summary>CIDR text handling that accepts host bits (users write 10.233.64.1/18) and canonicalises.</summary>
public static class Cidr
{
    public static bool TryParse(string text, out IPNetwork network)
    {
        network = default;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || text.Contains('%', StringComparison.Ordinal) || !IPAddress.TryParse(text.AsSpan(0, slash), out var ip)
            || !int.TryParse(text.AsSpan(slash + 1), System.Globalization.NumberStyles.None, null, out var len))
        {
            return false;
        }

        var max = ip.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (len > max || text.AsSpan(slash + 1).Length > 3)
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

    /// <summary>The host route for one address: /32 or /128.</summary>
    public static IPNetwork Host(IPAddress ip) =>
        new(ip, ip.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
}
