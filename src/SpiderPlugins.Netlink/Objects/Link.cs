namespace SpiderPlugins.Netlink.Objects;

/// <summary>A network interface as RTM_GETLINK reports it.</summary>
public sealed record Link
{
    public required int Index { get; init; }
    public required string Name { get; init; }
    /// <summary>ifi_flags (IFF_UP = 0x1, IFF_RUNNING = 0x40, ...).</summary>
    public uint Flags { get; init; }
    /// <summary>IFLA_ADDRESS; empty when the link has none.</summary>
    public byte[] Mac { get; init; } = [];
    public int Mtu { get; init; }
    public int TxQueueLen { get; init; }
    /// <summary>IFLA_INFO_KIND: "veth", "macvlan", "bridge"...; null for links without one (lo, physical NICs).</summary>
    public string? Kind { get; init; }
    /// <summary>IFLA_LINK: for a veth the peer's ifindex (in the peer's namespace), for a macvlan its master.</summary>
    public int? ParentIndex { get; init; }
    /// <summary>IFLA_MASTER: the bridge or bond this link is enslaved to.</summary>
    public int? MasterIndex { get; init; }

    public bool IsUp => (Flags & 0x1) != 0;
    public bool IsRunning => (Flags & 0x40) != 0;
}
