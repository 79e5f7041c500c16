namespace SpiderPlugins.Cni;

/// <summary>The CNI_* environment of one call, validated for its verb.</summary>
public sealed class CniRequest
{
    public required CniCommand Command { get; init; }
    /// <summary>CNI_CONTAINERID; null for VERSION, GC, STATUS.</summary>
    public string? ContainerId { get; init; }
    /// <summary>CNI_NETNS; may be null or empty for DEL.</summary>
    public string? Netns { get; init; }
    /// <summary>CNI_IFNAME, validated as a Linux interface name (1-15 bytes, no '/', ':', whitespace, not . or ..).</summary>
    public string? IfName { get; init; }
    /// <summary>CNI_ARGS split on ';' and the first '=' (keys as given; lookups are ordinal).</summary>
    public IReadOnlyDictionary<string, string> Args { get; init; } = new Dictionary<string, string>();
    /// <summary>CNI_PATH split on ':'.</summary>
    public IReadOnlyList<string> Path { get; init; } = [];
    /// <summary>The raw bytes read from stdin.</summary>
    public ReadOnlyMemory<byte> Stdin { get; init; }
}
