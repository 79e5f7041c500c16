using System.Net;
using System.Text.Json;
using SpiderPlugins.Cni.Json;
using static SpiderPlugins.Cni.Json.JsonFields;

namespace SpiderPlugins.Cni.Results;

/// <summary>
/// Reads a result of any supported version into the 1.1 model. The shape is chosen by the result's own
/// cniVersion, or by <c>defaultVersion</c> (the config's) when it has none, as libcni does (cni#895). Unlike Go we
/// also accept a result of another shape family than the config's (a 0.4.0 result in a 1.0.0 config) because the
/// model holds them all. Fields are read leniently as a superset: ips[].version is ignored, 1.1-only fields are
/// kept whatever the label, unknown keys are skipped. Anything present but malformed is code 7 naming the field.
/// </summary>
public static class ResultReader
{
    public static CniResult Parse(ReadOnlySpan<byte> json, string defaultVersion, string path = "result")
    {
        try
        {
            using var doc = JsonDocument.Parse(json.ToArray(), JsonOutput.DocumentOptions);
            return Parse(doc.RootElement, defaultVersion, path);
        }
        catch (JsonException e)
        {
            throw new CniException(CniErrorCode.DecodeFailure, $"error decoding {path}: {e.Message}");
        }
    }

    public static CniResult Parse(JsonElement element, string defaultVersion, string path = "prevResult")
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path, element, "expected an object");
        }

        var version = OptString(element, "cniVersion", path) ?? defaultVersion;
        if (!SupportedVersions.IsSupported(version))
        {
            throw new CniException(
                CniErrorCode.IncompatibleVersion,
                $"invalid {JsonFields.Path(path, "cniVersion")} \"{version}\": unsupported version",
                "supported versions: " + SupportedVersions.Quoted());
        }

        var result = new CniResult { CniVersion = version };
        if (SupportedVersions.ShapeOf(version) == ResultShape.Legacy)
        {
            ReadLegacyBlock(element, "ip4", path, result);
            ReadLegacyBlock(element, "ip6", path, result);
        }
        else
        {
            ReadInterfaces(element, path, result);
            ReadIps(element, path, result);
            if (OptArray(element, "routes", path) is { } routes)
            {
                result.Routes.AddRange(ReadRoutes(routes, JsonFields.Path(path, "routes")));
            }
        }

        result.Dns = ReadDns(element, path);
        return result;
    }

    private static void ReadInterfaces(JsonElement element, string path, CniResult result)
    {
        if (OptArray(element, "interfaces", path) is not { } array)
        {
            return;
        }

        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var at = JsonFields.Path(JsonFields.Path(path, "interfaces"), i++);
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(at, item, "expected an object");
            }

            result.Interfaces.Add(new CniInterface
            {
                Name = OptString(item, "name", at) ?? "",
                Mac = OptString(item, "mac", at),
                Sandbox = OptString(item, "sandbox", at),
                Mtu = OptNonNegativeInt(item, "mtu", at),
                SocketPath = OptString(item, "socketPath", at),
                PciId = OptString(item, "pciID", at),
            });
        }
    }

    private static void ReadIps(JsonElement element, string path, CniResult result)
    {
        if (OptArray(element, "ips", path) is not { } array)
        {
            return;
        }

        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var at = JsonFields.Path(JsonFields.Path(path, "ips"), i++);
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(at, item, "expected an object");
            }

            var index = OptNonNegativeInt(item, "interface", at);
            if (index >= result.Interfaces.Count)
            {
                throw Invalid(
                    JsonFields.Path(at, "interface"),
                    item.GetProperty("interface"),
                    $"index out of range ({result.Interfaces.Count} interfaces)");
            }

            var (address, prefix) = ReadCidr(item, "address", at);
            result.Ips.Add(new CniIpConfig
            {
                Interface = index,
                Address = address,
                PrefixLength = prefix,
                Gateway = ReadIp(item, "gateway", at),
            });
        }
    }

    /// <summary>0.1.0/0.2.0: {"ip": cidr, "gateway": ip, "routes": [...]} per family; routes join the top-level list.</summary>
    private static void ReadLegacyBlock(JsonElement element, string name, string path, CniResult result)
    {
        if (OptObject(element, name, path) is not { } block)
        {
            return;
        }

        var at = JsonFields.Path(path, name);
        var (address, prefix) = ReadCidr(block, "ip", at);
        if (IpText.IsV4(address) != (name == "ip4"))
        {
            throw Invalid(JsonFields.Path(at, "ip"), block.GetProperty("ip"), $"wrong address family for {name}");
        }

        result.Ips.Add(new CniIpConfig { Address = address, PrefixLength = prefix, Gateway = ReadIp(block, "gateway", at) });
        if (OptArray(block, "routes", at) is { } routes)
        {
            result.Routes.AddRange(ReadRoutes(routes, JsonFields.Path(at, "routes")));
        }
    }

    private static List<CniRoute> ReadRoutes(JsonElement array, string path)
    {
        var routes = new List<CniRoute>();
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var at = JsonFields.Path(path, i++);
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(at, item, "expected an object");
            }

            var dst = ReqString(item, "dst", at);
            if (!IpText.TryParseNetwork(dst, out var network))
            {
                throw Invalid(JsonFields.Path(at, "dst"), dst, "expected an address with prefix length, e.g. 10.0.0.0/8");
            }

            routes.Add(new CniRoute
            {
                Dst = network,
                Gw = ReadIp(item, "gw", at),
                Mtu = OptNonNegativeInt(item, "mtu", at),
                AdvMss = OptNonNegativeInt(item, "advmss", at),
                Priority = OptNonNegativeInt(item, "priority", at),
                Table = OptNonNegativeInt(item, "table", at),
                Scope = OptNonNegativeInt(item, "scope", at),
            });
        }

        return routes;
    }

    private static CniDns? ReadDns(JsonElement element, string path)
    {
        if (OptObject(element, "dns", path) is not { } dns)
        {
            return null;
        }

        var at = JsonFields.Path(path, "dns");
        return new CniDns
        {
            Nameservers = OptStringList(dns, "nameservers", at),
            Domain = OptString(dns, "domain", at),
            Search = OptStringList(dns, "search", at),
            Options = OptStringList(dns, "options", at),
        };
    }

    private static (IPAddress Address, int Prefix) ReadCidr(JsonElement obj, string name, string parent)
    {
        var text = ReqString(obj, name, parent);
        return IpText.TryParseCidr(text, out var address, out var prefix)
            ? (address, prefix)
            : throw Invalid(JsonFields.Path(parent, name), text, "expected an address with prefix length, e.g. 10.1.2.3/24");
    }

    /// <summary>An empty string is "no address", as Go's net.IP decoder reads it.</summary>
    private static IPAddress? ReadIp(JsonElement obj, string name, string parent)
    {
        var text = OptString(obj, name, parent);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return IpText.TryParseIp(text, out var address)
            ? address
            : throw Invalid(JsonFields.Path(parent, name), text, "expected an IP address");
    }
}
