using System.Net;
using System.Text.Json;
using SpiderPlugins.Cni;

namespace SpiderPlugins.Plugins.Common;

/// <summary>
/// Typed reads of plugin-specific keys from the raw config. Every failure is CNI error 7 naming the field and the
/// value, so an operator can fix the NetworkAttachmentDefinition from the message alone.
/// </summary>
public readonly struct ConfigReader(JsonElement obj, string path = "")
{
    public bool Has(string key) => obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(key, out var v) && v.ValueKind != JsonValueKind.Null;

    public ConfigReader? Object(string key)
    {
        if (!TryGet(key, out var v))
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(key, v, "an object");
        }

        return new ConfigReader(v, Field(key) + ".");
    }

    public string? String(string key)
    {
        if (!TryGet(key, out var v))
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.String ? v.GetString() : throw Invalid(key, v, "a string");
    }

    public bool? Bool(string key)
    {
        if (!TryGet(key, out var v))
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Invalid(key, v, "true or false"),
        };
    }

    public long? Integer(string key, long min, long max)
    {
        if (!TryGet(key, out var v))
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out var n))
        {
            throw Invalid(key, v, "an integer");
        }

        if (n < min || n > max)
        {
            throw Invalid(key, v, $"an integer from {min} to {max}");
        }

        return n;
    }

    /// <summary>An array of CIDR strings, trimmed and canonicalised (host bits cleared, as the kernel would store them).</summary>
    public List<IPNetwork> Cidrs(string key)
    {
        var list = new List<IPNetwork>();
        if (!TryGet(key, out var v))
        {
            return list;
        }

        if (v.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(key, v, "an array of CIDR strings");
        }

        if (v.GetArrayLength() > 1024)
        {
            throw new CniException(CniErrorCode.InvalidConfig, $"invalid {Field(key)}: {v.GetArrayLength()} entries, at most 1024 are accepted");
        }

        var i = 0;
        foreach (var e in v.EnumerateArray())
        {
            var name = $"{key}[{i++}]";
            if (e.ValueKind != JsonValueKind.String)
            {
                throw Invalid(name, e, "a CIDR string");
            }

            var text = e.GetString()!.Trim();
            if (!Cidr.TryParse(text, out var net))
            {
                throw Invalid(name, e, "a CIDR such as 10.233.64.0/18 or fd00::/64");
            }

            list.Add(net);
        }

        return list;
    }

    public CniException Invalid(string key, JsonElement value, string expected) =>
        new(CniErrorCode.InvalidConfig, $"invalid {Field(key)}: {Show(value)} is not {expected}");

    public CniException Invalid(string key, string value, string expected) =>
        new(CniErrorCode.InvalidConfig, $"invalid {Field(key)}: \"{value}\" is not {expected}");

    public string Field(string key) => path + key;

    private bool TryGet(string key, out JsonElement v)
    {
        if (obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(key, out v) && v.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        v = default;
        return false;
    }

    private static string Show(JsonElement v)
    {
        var raw = v.GetRawText();
        return raw.Length > 80 ? raw[..77] + "..." : raw;
    }
}
