using System.Net;

namespace SpiderPlugins.Netlink.Objects;

/// <summary>A neighbour entry (RTM_NEWNEIGH).</summary>
public sealed record Neighbor
{
    public required int Index { get; init; }
    public required IPAddress Ip { get; init; }
    /// <summary>NDA_LLADDR; empty when the entry has none (INCOMPLETE/FAILED).</summary>
    public byte[] Mac { get; init; } = [];
    /// <summary>NUD_*: 0x80 PERMANENT, 0x02 REACHABLE, 0x04 STALE...</summary>
    public ushort State { get; init; }

    public const ushort NudPermanent = 0x80;
}
