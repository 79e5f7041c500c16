namespace SpiderPlugins.Core.State;

/// <summary>
/// What one ADD left on the host, recorded so DEL and GC can remove exactly that even when the pod's netns,
/// prevResult or config are gone. Only host-side facts: the pod side dies with its netns.
/// </summary>
public sealed record AttachmentState
{
    public required string ContainerId { get; init; }
    public required string IfName { get; init; }
    public string? Netns { get; init; }
    /// <summary>True for the interface that created the veth pair (the first one chained with veth).</summary>
    public bool Primary { get; init; }
    public required string HostVeth { get; init; }
    /// <summary>Pod addresses routed to through the host veth (no prefix length).</summary>
    public IReadOnlyList<string> PodIps { get; init; } = [];
    /// <summary>Host table holding the /32 and /128 routes to the pod IPs.</summary>
    public uint HostTable { get; init; }
    /// <summary>Policy table of a secondary NIC in the pod; null for the primary.</summary>
    public uint? NicTable { get; init; }
    /// <summary>Node addresses used as gateways for the pod's hijack routes, per family, so a re-ADD converges on the same ones.</summary>
    public IReadOnlyList<string> NodeIps { get; init; } = [];
}
