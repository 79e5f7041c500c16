using System.Net.Sockets;
using System.Text;
using SpiderPlugins.Netlink.Objects;

namespace SpiderPlugins.Core.Model;

/// <summary>iproute2-style text for kernel objects, used in logs and in CHECK's error messages.</summary>
public static class Format
{
    public static string Mac(ReadOnlySpan<byte> mac)
    {
        var sb = new StringBuilder(17);
        for (var i = 0; i < mac.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(':');
            }

            sb.Append(mac[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    public static string Table(uint t) => t switch { 254 => "main", 255 => "local", 253 => "default", _ => t.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    public static string Route(Route r, string? dev)
    {
        var sb = new StringBuilder();
        sb.Append(r.Dst is { } d ? d.ToString() : (r.Family == AddressFamily.InterNetworkV6 ? "default(v6)" : "default"));
        if (r.Gateway is { } gw)
        {
            sb.Append(" via ").Append(gw);
        }

        if (dev is not null)
        {
            sb.Append(" dev ").Append(dev);
        }

        if (r.Scope == 253)
        {
            sb.Append(" scope link");
        }

        if (r.PrefSrc is { } src)
        {
            sb.Append(" src ").Append(src);
        }

        sb.Append(" table ").Append(Table(r.Table));
        return sb.ToString();
    }

    public static string Rule(Rule r)
    {
        var sb = new StringBuilder();
        if (r.Priority is { } p)
        {
            sb.Append(p).Append(": ");
        }

        sb.Append(r.Family == AddressFamily.InterNetworkV6 ? "(v6) " : "");
        sb.Append("from ").Append(r.Src?.ToString() ?? "all");
        if (r.Dst is { } dst)
        {
            sb.Append(" to ").Append(dst);
        }

        if (r.Mark is { } m)
        {
            sb.Append(" fwmark 0x").Append(m.ToString("x", System.Globalization.CultureInfo.InvariantCulture));
        }

        sb.Append(" lookup ").Append(Table(r.Table));
        return sb.ToString();
    }
}
