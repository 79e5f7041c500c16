using System.Net;
using System.Net.Sockets;

namespace SpiderPlugins.Netlink.Objects;

/// <summary>A policy routing rule (RTM_NEWRULE), action "lookup table".</summary>
public sealed record Rule
{
    public required AddressFamily Family { get; init; }
    public uint? Priority { get; init; }
    public IPNetwork? Src { get; init; }
    public IPNetwork? Dst { get; init; }
    public uint? Mark { get; init; }
    public uint? Mask { get; init; }
    public string? IifName { get; init; }
    public string? OifName { get; init; }
    public uint Table { get; init; }
}
