using SpiderPlugins.Core.Model;
using SpiderPlugins.Netlink;
using SpiderPlugins.Netlink.Objects;

namespace SpiderPlugins.Core.Reconcile;

/// <summary>CHECK: compares a desired state with the kernel and names the first object that is missing or different.</summary>
public sealed class Verifier(KernelSides k)
{
    public string? FirstDifference(IReadOnlyList<KernelObject> desired)
    {
        foreach (var o in desired)
        {
            var problem = o switch
            {
                VethPairObject v => Veth(v),
                LinkUpObject u => k.Link(u.Side, u.Name) is { } l ? (l.IsUp ? null : "is down") : "does not exist",
                MacObject m => k.Link(m.Side, m.Name) is { } l ? (l.Mac.AsSpan().SequenceEqual(m.Mac) ? null : $"has {Format.Mac(l.Mac)}") : "link does not exist",
                SysctlObject s => Sysctl(s),
                RouteObject r => Route(r),
                AbsentRouteObject a => Absent(a),
                RuleObject r => Rule(r),
                NeighborObject n => Neighbor(n),
                _ => null,
            };
            if (problem is not null)
            {
                return $"{o.Describe()}: {problem}";
            }
        }

        return null;
    }

    private string? Veth(VethPairObject v)
    {
        var pod = k.Link(Side.Pod, v.PodName);
        var host = k.Link(Side.Host, v.HostName);
        if (pod is null || pod.Kind != "veth")
        {
            return $"pod link {v.PodName} is missing or not a veth";
        }

        if (host is null || host.Kind != "veth")
        {
            return $"host link {v.HostName} is missing or not a veth";
        }

        return host.ParentIndex == pod.Index && pod.ParentIndex == host.Index ? null : "the two ends are not peers";
    }

    private string? Sysctl(SysctlObject s)
    {
        string? value = null;
        var exists = false;
        k.InNamespace(s.Side, () => exists = Netlink.Sysctl.TryRead(s.Key, out value));
        return (!exists && s.Optional) || value == s.Value ? null : $"is {value ?? "unreadable"}";
    }

    private Route? Find(Side side, string? dev, Route want)
    {
        var index = dev is null ? want.OutIndex : k.Link(side, dev)?.Index;
        foreach (var r in k.Of(side).ListRoutes(want.Family, want.Table))
        {
            if (Equals(r.Dst, want.Dst) && Equals(r.Gateway, want.Gateway) && (index is null || r.OutIndex == index
                || (r.MultiPath?.Any(h => h.OutIndex == index && Equals(h.Gateway, want.Gateway)) ?? false)))
            {
                return r;
            }
        }

        return null;
    }

    private string? Route(RouteObject o) => Find(o.Side, o.Dev, o.Route) is null ? "is missing" : null;

    private string? Absent(AbsentRouteObject o) => Find(o.Side, o.Dev, o.Route) is null ? null : "is still there";

    private string? Rule(RuleObject o)
    {
        foreach (var r in k.Of(o.Side).ListRules(o.Rule.Family))
        {
            if (r.Table == o.Rule.Table && Equals(r.Src, o.Rule.Src) && Equals(r.Dst, o.Rule.Dst)
                && (o.Rule.Priority is null || r.Priority == o.Rule.Priority) && r.Mark == o.Rule.Mark)
            {
                return null;
            }
        }

        return "is missing";
    }

    private string? Neighbor(NeighborObject o)
    {
        var dev = k.Link(o.Side, o.Dev);
        var mac = k.Link(o.MacOfSide, o.MacOfLink)?.Mac;
        if (dev is null || mac is null)
        {
            return "its device is missing";
        }

        foreach (var n in k.Of(o.Side).ListNeighbors(dev.Index, o.Ip.AddressFamily))
        {
            if (n.Ip.Equals(o.Ip))
            {
                return n.State != Netlink.Objects.Neighbor.NudPermanent ? "is not PERMANENT"
                    : n.Mac.AsSpan().SequenceEqual(mac) ? null : $"points to {Format.Mac(n.Mac)}";
            }
        }

        return "is missing";
    }
}
