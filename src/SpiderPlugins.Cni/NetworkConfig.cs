using System.Text.Json;
using SpiderPlugins.Cni.Results;

namespace SpiderPlugins.Cni;

/// <summary>
/// The keys every plugin config shares. Plugin-specific keys are read from <see cref="Raw"/> by each dialect,
/// so unknown keys (Multus' deviceID, runtimeConfig, args, cni.dev/*) never cause an error.
/// </summary>
public sealed class NetworkConfig
{
    public required string CniVersion { get; init; }
    public string? Name { get; init; }
    public string? Type { get; init; }
    /// <summary>The whole config object as received. Valid for the life of the call.</summary>
    public required JsonElement Raw { get; init; }
    /// <summary>prevResult converted to the 1.1 model; null when absent.</summary>
    public CniResult? PrevResult { get; init; }
    /// <summary>GC only: cni.dev/valid-attachments (or the older cni.dev/attachments); null when neither is given.</summary>
    public IReadOnlyList<CniAttachment>? ValidAttachments { get; init; }

    /// <summary>A runtimeConfig entry, matched case-insensitively (containerd sends HostPort where the spec says hostPort).</summary>
    public JsonElement? RuntimeConfig(string key)
    {
        if (Raw.ValueKind != JsonValueKind.Object || !Raw.TryGetProperty("runtimeConfig", out var rc) || rc.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var p in rc.EnumerateObject())
        {
            if (string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase))
            {
                return p.Value;
            }
        }

        return null;
    }

    /// <summary>
    /// An entry of <c>args.cni</c>, the per-pod knobs Multus copies from the selection's cni-args into every plugin
    /// of the chain (matched exactly, as the convention names them); null when absent.
    /// </summary>
    public JsonElement? CniArg(string key)
    {
        if (Raw.ValueKind == JsonValueKind.Object
            && Raw.TryGetProperty("args", out var args) && args.ValueKind == JsonValueKind.Object
            && args.TryGetProperty("cni", out var cni) && cni.ValueKind == JsonValueKind.Object
            && cni.TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.Null)
        {
            return value;
        }

        return null;
    }
}

/// <summary>One entry of cni.dev/valid-attachments: an attachment the runtime still considers live.</summary>
public sealed record CniAttachment(string ContainerId, string IfName);
