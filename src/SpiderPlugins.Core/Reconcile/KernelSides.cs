using SpiderPlugins.Core.Model;
using SpiderPlugins.Netlink;
using SpiderPlugins.Netlink.Objects;

namespace SpiderPlugins.Core.Reconcile;

/// <summary>
/// The two namespaces one call works in, each with its own netlink socket (a socket stays bound to the namespace
/// it was opened in, so no thread ever switches back and forth), plus a per-call cache of links by name.
/// </summary>
public sealed class KernelSides(RtNetlink pod, RtNetlink host, NetnsHandle podNs, NetnsHandle hostNs)
{
    private readonly Dictionary<(Side, string), Link> _links = [];

    public RtNetlink Pod { get; } = pod;
    public RtNetlink Host { get; } = host;
    public NetnsHandle PodNs { get; } = podNs;
    public NetnsHandle HostNs { get; } = hostNs;

    public RtNetlink Of(Side side) => side == Side.Pod ? Pod : Host;

    public Link? Link(Side side, string name)
    {
        if (_links.TryGetValue((side, name), out var l))
        {
            return l;
        }

        l = Of(side).GetLink(name);
        if (l is not null)
        {
            _links[(side, name)] = l;
        }

        return l;
    }

    public Link RequireLink(Side side, string name) =>
        Link(side, name) ?? throw new InvalidOperationException($"{(side == Side.Pod ? "pod" : "host")} link {name} does not exist");

    public void Forget(Side side, string name) => _links.Remove((side, name));

    /// <summary>Runs sysctl work on the pod side: /proc/sys/net follows the calling thread's namespace.</summary>
    public void InNamespace(Side side, Action work)
    {
        if (side == Side.Host)
        {
            work();
        }
        else
        {
            Netns.Run(PodNs, work);
        }
    }
}
