using System.Net;
using SpiderPlugins.Netlink.Objects;

namespace SpiderPlugins.Core.Model;

/// <summary>Which namespace an object lives in: the pod's (CNI_NETNS) or the node's (the plugin's own).</summary>
public enum Side
{
    Pod,
    Host,
}

/// <summary>
/// One kernel object of a desired state. Planners produce ordered lists of these without touching the kernel;
/// the reconciler makes the kernel match them (ADD), compares them (CHECK) and undoes what it created on failure.
/// Devices are referred to by name because some do not exist yet when the plan is made.
/// </summary>
public abstract record KernelObject(Side Side)
{
    public abstract string Describe();

    protected string Where => Side == Side.Pod ? "pod" : "host";
}

/// <summary>A veth pair made in the pod with its peer placed straight into the host namespace.</summary>
public sealed record VethPairObject(string PodName, string HostName, int Mtu) : KernelObject(Side.Pod)
{
    public override string Describe() => $"veth pair {PodName} (pod) <-> {HostName} (host)";
}

/// <summary>A link set up; with <see cref="WaitRunning"/> ADD also waits for its carrier (both veth ends up).</summary>
public sealed record LinkUpObject(Side Side, string Name, bool WaitRunning = false) : KernelObject(Side)
{
    public override string Describe() => $"{Where} link {Name} up";
}

public sealed record MacObject(Side Side, string Name, byte[] Mac) : KernelObject(Side)
{
    public override string Describe() => $"{Where} link {Name} address {Format.Mac(Mac)}";
}

/// <summary>
/// A sysctl under /proc/sys/net, key relative to it (e.g. "ipv4/conf/all/rp_filter"). An optional one is skipped
/// when the key does not exist (IPv6 keys on a node booted with IPv6 disabled).
/// </summary>
public sealed record SysctlObject(Side Side, string Key, string Value, bool Optional = false) : KernelObject(Side)
{
    public override string Describe() => $"{Where} sysctl net/{Key} = {Value}";
}

/// <summary>A route; <see cref="Dev"/> fills the route's OutIndex when it is applied.</summary>
public sealed record RouteObject(Side Side, string? Dev, Route Route) : KernelObject(Side)
{
    public override string Describe() => $"{Where} route {Format.Route(Route, Dev)}";
}

/// <summary>A route that must not be there (a secondary NIC's default, moved out of main).</summary>
public sealed record AbsentRouteObject(Side Side, string Dev, Route Route) : KernelObject(Side)
{
    public override string Describe() => $"{Where} route {Format.Route(Route, Dev)} absent";
}

public sealed record RuleObject(Side Side, Rule Rule) : KernelObject(Side)
{
    public override string Describe() => $"{Where} rule {Format.Rule(Rule)}";
}

/// <summary>A PERMANENT neighbour whose MAC is that of another link (known only once the veth pair exists).</summary>
public sealed record NeighborObject(Side Side, string Dev, IPAddress Ip, Side MacOfSide, string MacOfLink) : KernelObject(Side)
{
    public override string Describe() => $"{Where} neighbour {Ip} dev {Dev} lladdr <{MacOfLink}'s MAC> PERMANENT";
}
