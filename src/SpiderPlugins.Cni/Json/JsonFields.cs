using System.Text.Json;

namespace SpiderPlugins.Cni.Json;

/// <summary>
/// Typed reads of JSON members that fail with code 7 and a message naming the full field path and the value, so a
/// bad config or prevResult is reported as "invalid prevResult.ips[0].address \"x\": ...", never as a crash.
/// JSON null counts as absent, as Go's decoder treats it.
/// </summary>
internal static class JsonFields
{
    private const int MaxShownValue = 80;

    public static string Path(string parent, string name) => parent.Length == 0 ? name : parent + "." + name;

    public static string Path(string parent, int index) => $"{parent}[{index}]";

    public static JsonElement? Get(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    public static CniException Invalid(string field, JsonElement value, string reason) =>
        new(CniErrorCode.InvalidConfig, $"invalid {field} {Show(value)}: {reason}");

    public static CniException Invalid(string field, string value, string reason) =>
        new(CniErrorCode.InvalidConfig, $"invalid {field} \"{value}\": {reason}");

    public static CniException MissingField(string field) =>
        new(CniErrorCode.InvalidConfig, $"missing required field {field}");

    public static string? OptString(JsonElement obj, string name, string parent)
    {
        if (Get(obj, name) is not { } v)
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.String ? v.GetString() : throw Invalid(Path(parent, name), v, "expected a string");
    }

    public static string ReqString(JsonElement obj, string name, string parent) =>
        OptString(obj, name, parent) ?? throw MissingField(Path(parent, name));

    public static int? OptNonNegativeInt(JsonElement obj, string name, string parent)
    {
        if (Get(obj, name) is not { } v)
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) && n >= 0)
        {
            return n;
        }

        throw Invalid(Path(parent, name), v, "expected a non-negative integer");
    }

    public static bool? OptBool(JsonElement obj, string name, string parent)
    {
        if (Get(obj, name) is not { } v)
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Invalid(Path(parent, name), v, "expected true or false"),
        };
    }

    public static JsonElement? OptObject(JsonElement obj, string name, string parent)
    {
        if (Get(obj, name) is not { } v)
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.Object ? v : throw Invalid(Path(parent, name), v, "expected an object");
    }

    public static JsonElement? OptArray(JsonElement obj, string name, string parent)
    {
        if (Get(obj, name) is not { } v)
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.Array ? v : throw Invalid(Path(parent, name), v, "expected an array");
    }

    public static List<string>? OptStringList(JsonElement obj, string name, string parent)
    {
        if (OptArray(obj, name, parent) is not { } array)
        {
            return null;
        }

        var list = new List<string>();
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw Invalid(Path(Path(parent, name), i), item, "expected a string");
            }

            list.Add(item.GetString()!);
            i++;
        }

        return list;
    }

    /// <summary>The value as JSON text (strings keep their quotes), shortened so a hostile config cannot flood the message.</summary>
    public static string Show(JsonElement value)
    {
        var raw = value.GetRawText();
        return raw.Length <= MaxShownValue ? raw : raw[..MaxShownValue] + "...";
    }
}
