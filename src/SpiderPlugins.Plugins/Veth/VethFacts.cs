using System.Net;
using SpiderPlugins.Netlink.Objects;

namespace SpiderPlugins.Plugins.Veth;

/// <summary>What the planner needs to know about the kernel, read once per call through netlink.</summary>
public sealed record VethFacts
{
    /// <summary>CNI_IFNAME in the pod.</summary>
    public required Link Interface { get; init; }
    /// <summary>Global (non link-local, non multicast) addresses on the interface: what is really there, SLAAC included.</summary>
    public required IReadOnlyList<Address> Addresses { get; init; }
    /// <summary>True when this interface owns the veth pair (the first one chained with veth).</summary>
    public required bool Primary { get; init; }
    /// <summary>Pod routes of both families in every table but local.</summary>
    public IReadOnlyList<Route> PodRoutes { get; init; } = [];
    /// <summary>Pod policy rules of both families.</summary>
    public IReadOnlyList<Rule> PodRules { get; init; } = [];
    /// <summary>Node addresses: the route-get sources toward the pod IPs first, then the node's other addresses.</summary>
    public required IReadOnlyList<IPAddress> NodeIps { get; init; }
}
