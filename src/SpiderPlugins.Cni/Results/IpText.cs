using System.Net;
using System.Net.Sockets;

namespace SpiderPlugins.Cni.Results;

/// <summary>
/// Strict text forms of addresses, as Go's net.ParseIP/ParseCIDR accept them: IPv4 only as four decimal octets
/// (IPAddress.TryParse would also take "10", "10.1" or "0x0a.0.0.1"), IPv6 without zone or brackets.
/// Output is "address/prefix" with IPv6 in RFC 5952 lower-case compressed form.
/// </summary>
public static class IpText
{
    public static bool TryParseIp(string? text, out IPAddress address)
    {
        address = IPAddress.None;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (text.Contains(':', StringComparison.Ordinal))
        {
            if (text.Contains('%', StringComparison.Ordinal) || text.Contains('[', StringComparison.Ordinal)
                || !IPAddress.TryParse(text, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }

            address = v6;
            return true;
        }

        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        var bytes = new byte[4];
        for (var i = 0; i < 4; i++)
        {
            var p = parts[i];
            if (p.Length is 0 or > 3 || (p.Length > 1 && p[0] == '0') || !p.All(char.IsAsciiDigit))
            {
                return false;
            }

            var n = int.Parse(p, System.Globalization.CultureInfo.InvariantCulture);
            if (n > 255)
            {
                return false;
            }

            bytes[i] = (byte)n;
        }

        address = new IPAddress(bytes);
        return true;
    }

    /// <summary>"10.1.2.3/24": the address keeps its host bits (it is an interface address, not a network).</summary>
    public static bool TryParseCidr(string? text, out IPAddress address, out int prefixLength)
    {
        address = IPAddress.None;
        prefixLength = 0;
        var slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (slash < 0)
        {
            return false;
        }

        var prefix = text![(slash + 1)..];
        if (prefix.Length is 0 or > 3 || !prefix.All(char.IsAsciiDigit) || !TryParseIp(text[..slash], out address))
        {
            return false;
        }

        prefixLength = int.Parse(prefix, System.Globalization.CultureInfo.InvariantCulture);
        return prefixLength <= MaxPrefix(address);
    }

    /// <summary>A destination network; host bits are cleared, as the kernel stores routes ("10.1.2.3/8" is 10.0.0.0/8).</summary>
    public static bool TryParseNetwork(string? text, out IPNetwork network)
    {
        network = default;
        if (!TryParseCidr(text, out var address, out var prefix))
        {
            return false;
        }

        network = new IPNetwork(Mask(address, prefix), prefix);
        return true;
    }

    /// <summary>IPv6 zones are dropped: a result names global or link addresses, never a zone.</summary>
    public static string Format(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0
            ? new IPAddress(address.GetAddressBytes()).ToString()
            : address.ToString();

    public static string FormatCidr(IPAddress address, int prefixLength) => $"{Format(address)}/{prefixLength}";

    public static string Format(IPNetwork network) => FormatCidr(network.BaseAddress, network.PrefixLength);

    public static int MaxPrefix(IPAddress address) => address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;

    public static bool IsV4(IPAddress address) => address.AddressFamily == AddressFamily.InterNetwork;

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }

        return new IPAddress(bytes);
    }
}
