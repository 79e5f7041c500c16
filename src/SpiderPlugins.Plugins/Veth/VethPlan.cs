using System.Net;
using SpiderPlugins.Core.Model;

namespace SpiderPlugins.Plugins.Veth;

/// <summary>The planner's output: the desired kernel objects in the order they must be applied.</summary>
public sealed record VethPlan
{
    public required IReadOnlyList<KernelObject> Objects { get; init; }
    /// <summary>The pod addresses routed through the host veth.</summary>
    public required IReadOnlyList<IPAddress> PodIps { get; init; }
    /// <summary>The node addresses used (gateways first).</summary>
    public required IReadOnlyList<IPAddress> NodeIps { get; init; }
    /// <summary>Policy table of a secondary NIC; null for the primary or when routes are not moved.</summary>
    public uint? NicTable { get; init; }
}
