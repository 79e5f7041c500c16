using System.Net;
using System.Net.Sockets;

namespace SpiderPlugins.Netlink.Objects;

/// <summary>A route (RTM_NEWROUTE). A null <see cref="Dst"/> is the default route of its family.</summary>
public sealed record Route
{
    public required AddressFamily Family { get; init; }
    public IPNetwork? Dst { get; init; }
    public IPAddress? Gateway { get; init; }
    /// <summary>Output interface (RTA_OIF); null for multipath routes.</summary>
    public int? OutIndex { get; init; }
    /// <summary>Routing table (254 main, 255 local); values above 255 travel in RTA_TABLE.</summary>
    public uint Table { get; init; } = 254;
    /// <summary>RT_SCOPE_*: 0 universe, 253 link, 254 host.</summary>
    public byte Scope { get; init; }
    /// <summary>RTA_PREFSRC.</summary>
    public IPAddress? PrefSrc { get; init; }
    /// <summary>RTNH_F_ONLINK.</summary>
    public bool OnLink { get; init; }
    /// <summary>RTPROT_*: 2 kernel, 3 boot (what `ip route add` uses), 4 static.</summary>
    public byte Protocol { get; init; } = 3;
    /// <summary>RTA_PRIORITY.</summary>
    public uint? Metric { get; init; }
    /// <summary>RTN_*: 1 unicast, 2 local, 3 broadcast...</summary>
    public byte Type { get; init; } = 1;
    /// <summary>RTA_MULTIPATH nexthops; null for single-path routes.</summary>
    public IReadOnlyList<NextHop>? MultiPath { get; init; }
}

/// <summary>One nexthop of a multipath route.</summary>
public sealed record NextHop(int OutIndex, IPAddress? Gateway, byte Weight = 1, bool OnLink = false);
