using System.Net;

namespace SpiderPlugins.Netlink.Objects;

/// <summary>An interface address (RTM_NEWADDR).</summary>
public sealed record Address
{
    public required int Index { get; init; }
    public required IPAddress Ip { get; init; }
    public required int PrefixLength { get; init; }
    /// <summary>RT_SCOPE_*: 0 universe, 253 link, 254 host.</summary>
    public byte Scope { get; init; }
    /// <summary>IFA_FLAGS (IFA_F_NODAD = 0x2, IFA_F_TENTATIVE = 0x40, IFA_F_DADFAILED = 0x8 ...).</summary>
    public uint Flags { get; init; }
}
