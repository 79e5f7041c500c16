using System.Text.Json;
using SpiderPlugins.Cni.Json;

namespace SpiderPlugins.Cni.Results;

/// <summary>
/// Prints a 1.1 model result in exactly the requested version, with Go's key order (cniVersion, interfaces, ips,
/// routes, dns) and Go's omissions (empty lists, empty dns, null fields, zero mtu/advmss/priority).
/// Versions below 1.1.0, 1.0.0 included, lose the 1.1-only fields (interface mtu/socketPath/pciID, route
/// mtu/advmss/priority/table/scope). Go keeps the route fields under a 1.0.0 label because its types are shared;
/// we follow the spec's schema instead, which only matters to readers that would also accept them.
/// 0.3.x/0.4.0 gain ips[].version from the address family; 0.1.0/0.2.0 get the first IPv4 as ip4 and the first IPv6
/// as ip6, routes split by destination family, no interfaces.
/// </summary>
public static class ResultWriter
{
    public static byte[] Write(CniResult result, string version)
    {
        if (!SupportedVersions.IsSupported(version))
        {
            throw new CniException(
                CniErrorCode.IncompatibleVersion,
                $"cannot convert result to unsupported version \"{version}\"",
                "supported versions: " + SupportedVersions.Quoted());
        }

        CheckInterfaceIndexes(result);
        var shape = SupportedVersions.ShapeOf(version);
        if (shape == ResultShape.Legacy && result.Ips.Count == 0)
        {
            throw new CniException(CniErrorCode.IncompatibleVersion, "cannot convert: no valid IP addresses");
        }

        return JsonOutput.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("cniVersion", version);
            if (shape == ResultShape.Legacy)
            {
                WriteLegacy(w, result);
            }
            else
            {
                WriteInterfaces(w, result.Interfaces, shape);
                WriteIps(w, result.Ips, shape);
                WriteRoutes(w, "routes", result.Routes, shape);
            }

            WriteDns(w, result.Dns);
            w.WriteEndObject();
        });
    }

    /// <summary>A plugin that appends interfaces must keep every ips[].interface pointing inside the list (containerd rejects it otherwise).</summary>
    private static void CheckInterfaceIndexes(CniResult result)
    {
        for (var i = 0; i < result.Ips.Count; i++)
        {
            if (result.Ips[i].Interface is { } index && (index < 0 || index >= result.Interfaces.Count))
            {
                throw new CniException(
                    CniErrorCode.Internal,
                    $"invalid result.ips[{i}].interface {index}: index out of range ({result.Interfaces.Count} interfaces)");
            }
        }
    }

    private static void WriteInterfaces(Utf8JsonWriter w, List<CniInterface> interfaces, ResultShape shape)
    {
        if (interfaces.Count == 0)
        {
            return;
        }

        w.WriteStartArray("interfaces");
        foreach (var iface in interfaces)
        {
            w.WriteStartObject();
            w.WriteString("name", iface.Name);
            WriteNonEmpty(w, "mac", iface.Mac);
            if (shape == ResultShape.V11 && iface.Mtu is > 0)
            {
                w.WriteNumber("mtu", iface.Mtu.Value);
            }

            WriteNonEmpty(w, "sandbox", iface.Sandbox);
            if (shape == ResultShape.V11)
            {
                WriteNonEmpty(w, "socketPath", iface.SocketPath);
                WriteNonEmpty(w, "pciID", iface.PciId);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteIps(Utf8JsonWriter w, List<CniIpConfig> ips, ResultShape shape)
    {
        if (ips.Count == 0)
        {
            return;
        }

        w.WriteStartArray("ips");
        foreach (var ip in ips)
        {
            w.WriteStartObject();
            if (shape == ResultShape.V04)
            {
                w.WriteString("version", IpText.IsV4(ip.Address) ? "4" : "6");
            }

            if (ip.Interface is { } index)
            {
                w.WriteNumber("interface", index);
            }

            w.WriteString("address", IpText.FormatCidr(ip.Address, ip.PrefixLength));
            if (ip.Gateway is not null)
            {
                w.WriteString("gateway", IpText.Format(ip.Gateway));
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteRoutes(Utf8JsonWriter w, string name, IEnumerable<CniRoute> routes, ResultShape shape)
    {
        var list = routes.ToList();
        if (list.Count == 0)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (var route in list)
        {
            w.WriteStartObject();
            w.WriteString("dst", IpText.Format(route.Dst));
            if (route.Gw is not null)
            {
                w.WriteString("gw", IpText.Format(route.Gw));
            }

            if (shape == ResultShape.V11)
            {
                WritePositive(w, "mtu", route.Mtu);
                WritePositive(w, "advmss", route.AdvMss);
                WritePositive(w, "priority", route.Priority);
                if (route.Table is { } table)
                {
                    w.WriteNumber("table", table);
                }

                if (route.Scope is { } scope)
                {
                    w.WriteNumber("scope", scope);
                }
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteLegacy(Utf8JsonWriter w, CniResult result)
    {
        foreach (var (name, v4) in new[] { ("ip4", true), ("ip6", false) })
        {
            var ip = result.Ips.FirstOrDefault(i => IpText.IsV4(i.Address) == v4);
            if (ip is null)
            {
                continue;
            }

            w.WriteStartObject(name);
            w.WriteString("ip", IpText.FormatCidr(ip.Address, ip.PrefixLength));
            if (ip.Gateway is not null)
            {
                w.WriteString("gateway", IpText.Format(ip.Gateway));
            }

            WriteRoutes(w, "routes", result.Routes.Where(r => IpText.IsV4(r.Dst.BaseAddress) == v4), ResultShape.Legacy);
            w.WriteEndObject();
        }
    }

    private static void WriteDns(Utf8JsonWriter w, CniDns? dns)
    {
        if (dns is null || (IsEmpty(dns.Nameservers) && string.IsNullOrEmpty(dns.Domain) && IsEmpty(dns.Search) && IsEmpty(dns.Options)))
        {
            return;
        }

        w.WriteStartObject("dns");
        WriteList(w, "nameservers", dns.Nameservers);
        WriteNonEmpty(w, "domain", dns.Domain);
        WriteList(w, "search", dns.Search);
        WriteList(w, "options", dns.Options);
        w.WriteEndObject();
    }

    private static bool IsEmpty(List<string>? list) => list is null || list.Count == 0;

    private static void WriteList(Utf8JsonWriter w, string name, List<string>? list)
    {
        if (IsEmpty(list))
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (var s in list!)
        {
            w.WriteStringValue(s);
        }

        w.WriteEndArray();
    }

    private static void WriteNonEmpty(Utf8JsonWriter w, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            w.WriteString(name, value);
        }
    }

    private static void WritePositive(Utf8JsonWriter w, string name, int? value)
    {
        if (value is > 0)
        {
            w.WriteNumber(name, value.Value);
        }
    }
}
