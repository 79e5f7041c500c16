using System.Text.Json;

namespace SpiderPlugins.Tools.CriClient;

/// <summary>What a runtime's verbose PodSandboxStatus "info" JSON says about the sandbox's process and netns.</summary>
internal sealed record SandboxInfo(long? Pid, string? NetnsPath)
{
    public static readonly SandboxInfo Empty = new(null, null);

    /// <summary>Parses containerd's verbose info: {"pid":N, "runtimeSpec":{"linux":{"namespaces":[{"type":"network","path":P}]}}}.</summary>
    public static SandboxInfo Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return Empty;
        }

        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        long? pid = root.TryGetProperty("pid", out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt64(out var n) && n > 0 ? n : null;
        return new SandboxInfo(pid, FindNetworkNamespacePath(root));
    }

    private static string? FindNetworkNamespacePath(JsonElement root)
    {
        if (!root.TryGetProperty("runtimeSpec", out var spec) || spec.ValueKind != JsonValueKind.Object
            || !spec.TryGetProperty("linux", out var linux) || linux.ValueKind != JsonValueKind.Object
            || !linux.TryGetProperty("namespaces", out var namespaces) || namespaces.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var ns in namespaces.EnumerateArray())
        {
            if (ns.ValueKind == JsonValueKind.Object
                && ns.TryGetProperty("type", out var type) && type.ValueEquals("network")
                && ns.TryGetProperty("path", out var path) && path.ValueKind == JsonValueKind.String)
            {
                var value = path.GetString();
                return string.IsNullOrEmpty(value) ? null : value;
            }
        }

        return null;
    }
}
