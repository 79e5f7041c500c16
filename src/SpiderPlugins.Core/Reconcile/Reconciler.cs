using SpiderPlugins.Core.Diagnostics;
using SpiderPlugins.Core.Logging;
using SpiderPlugins.Core.Model;
using SpiderPlugins.Netlink;
using SpiderPlugins.Netlink.Objects;

namespace SpiderPlugins.Core.Reconcile;

/// <summary>
/// Makes the kernel match a desired state with ensure/replace semantics, so a repeated or retried ADD converges
/// instead of failing on EEXIST. Every object this call creates or changes gets an undo step; when a later step
/// fails, <see cref="Undo"/> puts back what this call did and nothing else.
/// </summary>
public sealed class Reconciler(KernelSides k, Logger log)
{
    private static readonly TimeSpan RunningTimeout = TimeSpan.FromSeconds(2);

    private readonly Stack<(string What, Action Revert)> _undo = new();

    // One neighbour dump per device and family per call, however many entries the plan pins on it.
    private readonly Dictionary<(Side, int, System.Net.Sockets.AddressFamily), IReadOnlyList<Neighbor>> _neighbors = [];

    public void Apply(IReadOnlyList<KernelObject> desired)
    {
        for (var i = 0; i < desired.Count; i++)
        {
            TestHooks.StopAt($"object-{i}");
            switch (desired[i])
            {
                case SysctlObject:
                    i = ApplySysctls(desired, i) - 1;
                    break;
                case VethPairObject v:
                    EnsureVeth(v);
                    break;
                case LinkUpObject u:
                    EnsureUp(u);
                    break;
                case MacObject m:
                    EnsureMac(m);
                    break;
                case RouteObject r:
                    EnsureRoute(r);
                    break;
                case AbsentRouteObject a:
                    EnsureAbsent(a);
                    break;
                case RuleObject r:
                    EnsureRule(r);
                    break;
                case NeighborObject n:
                    EnsureNeighbor(n);
                    break;
                default:
                    throw new InvalidOperationException($"no reconciler for {desired[i].GetType().Name}");
            }
        }
    }

    /// <summary>Reverts, newest first, what <see cref="Apply"/> did; keeps going past errors and logs them.</summary>
    public void Undo()
    {
        while (_undo.TryPop(out var step))
        {
            try
            {
                step.Revert();
                log.Info($"undo: {step.What}");
            }
            catch (Exception e)
            {
                log.Warn($"undo of {step.What} failed: {e.Message}");
            }
        }
    }

    /// <summary>Forgets the undo log once the call has succeeded.</summary>
    public void Commit() => _undo.Clear();

    private int ApplySysctls(IReadOnlyList<KernelObject> desired, int start)
    {
        // Consecutive sysctls of one side share one hop onto a thread in that namespace.
        var side = desired[start].Side;
        var end = start;
        while (end < desired.Count && desired[end] is SysctlObject s && s.Side == side)
        {
            end++;
        }

        var changed = new List<(string Key, string Old)>();
        k.InNamespace(side, () =>
        {
            for (var i = start; i < end; i++)
            {
                var s = (SysctlObject)desired[i];
                string old;
                if (s.Optional)
                {
                    if (!Sysctl.TryRead(s.Key, out old))
                    {
                        continue;
                    }
                }
                else
                {
                    old = Sysctl.Read(s.Key);
                }

                if (old != s.Value)
                {
                    Sysctl.Write(s.Key, s.Value);
                    changed.Add((s.Key, old));
                }
            }
        });
        foreach (var (key, old) in changed)
        {
            _undo.Push(($"sysctl {key} back to {old}", () => k.InNamespace(side, () => Sysctl.Write(key, old))));
        }

        return end;
    }

    private void EnsureVeth(VethPairObject v)
    {
        var existing = k.Link(Side.Pod, v.PodName);
        if (existing is not null)
        {
            if (existing.Kind != "veth")
            {
                throw new InvalidOperationException($"pod already has a {existing.Kind ?? "non-veth"} link named {v.PodName}");
            }

            var peer = k.Link(Side.Host, v.HostName);
            if (peer is null || peer.ParentIndex != existing.Index)
            {
                // veth0 from an earlier, interrupted attempt whose host end is not ours: start over.
                k.Pod.DeleteLink(existing.Index);
                k.Forget(Side.Pod, v.PodName);
            }
            else
            {
                return;
            }
        }

        // A host link with our derived name left by an earlier sandbox of the same container ID is ours to replace.
        if (k.Link(Side.Host, v.HostName) is { } stale)
        {
            k.Host.DeleteLink(stale.Index);
            k.Forget(Side.Host, v.HostName);
        }

        // Explicit locally-administered MACs on both ends: systemd's MACAddressPolicy would otherwise rewrite the
        // host end after we pinned neighbours to it.
        k.Pod.CreateVeth(v.PodName, v.HostName, peerNetns: k.HostNs, mac: Mac.RandomLocal(), peerMac: Mac.RandomLocal(), mtu: v.Mtu);
        var hostName = v.HostName;
        _undo.Push(($"delete veth {hostName}", () =>
        {
            if (k.Host.GetLink(hostName) is { } l)
            {
                k.Host.DeleteLink(l.Index);
            }
        }));
        k.Forget(Side.Pod, v.PodName);
        k.Forget(Side.Host, v.HostName);
        log.Debug($"created {v.Describe()}");
    }

    private void EnsureUp(LinkUpObject u)
    {
        var l = k.RequireLink(u.Side, u.Name);
        if (!l.IsUp)
        {
            k.Of(u.Side).SetUp(l.Index);
            k.Forget(u.Side, u.Name);
        }

        if (u.WaitRunning && !l.IsRunning)
        {
            // A veth's carrier comes up lazily; the pod must be reachable when ADD returns, so wait for it here
            // (a link query makes the kernel settle it, typically within a fraction of a millisecond).
            k.Of(u.Side).WaitRunning(l.Index, RunningTimeout);
            k.Forget(u.Side, u.Name);
        }
    }

    private void EnsureMac(MacObject m)
    {
        var l = k.RequireLink(m.Side, m.Name);
        if (l.Mac.AsSpan().SequenceEqual(m.Mac))
        {
            return;
        }

        var old = l.Mac;
        var index = l.Index;
        k.Of(m.Side).SetMac(index, m.Mac);
        k.Forget(m.Side, m.Name);
        _undo.Push(($"restore MAC of {m.Name}", () => k.Of(m.Side).SetMac(index, old)));
    }

    private Route Resolve(Side side, string? dev, Route r) =>
        dev is null ? r : r with { OutIndex = k.RequireLink(side, dev).Index };

    private void EnsureRoute(RouteObject o)
    {
        var route = Resolve(o.Side, o.Dev, o.Route);
        var nl = k.Of(o.Side);
        try
        {
            nl.AddRoute(route);
            _undo.Push(($"delete {o.Describe()}", () => nl.DeleteRoute(route)));
        }
        catch (NetlinkException e) when (e.IsExists)
        {
            // Same destination already there (our earlier ADD, or a stale entry of a previous sandbox with this IP):
            // replace, so it points where we want now.
            nl.ReplaceRoute(route);
        }
    }

    private void EnsureAbsent(AbsentRouteObject o)
    {
        var route = Resolve(o.Side, o.Dev, o.Route);
        var nl = k.Of(o.Side);
        try
        {
            nl.DeleteRoute(route);
            _undo.Push(($"re-add {Format.Route(route, o.Dev)}", () => nl.AddRoute(route)));
        }
        catch (NetlinkException e) when (e.IsNotFound)
        {
        }
    }

    private void EnsureRule(RuleObject o)
    {
        var nl = k.Of(o.Side);
        try
        {
            nl.AddRule(o.Rule);
            _undo.Push(($"delete {o.Describe()}", () => nl.DeleteRule(o.Rule)));
        }
        catch (NetlinkException e) when (e.IsExists)
        {
        }
    }

    private void EnsureNeighbor(NeighborObject o)
    {
        var dev = k.RequireLink(o.Side, o.Dev);
        var mac = k.RequireLink(o.MacOfSide, o.MacOfLink).Mac;
        var nl = k.Of(o.Side);
        var key = (o.Side, dev.Index, o.Ip.AddressFamily);
        if (!_neighbors.TryGetValue(key, out var existing))
        {
            existing = nl.ListNeighbors(dev.Index, o.Ip.AddressFamily);
            _neighbors[key] = existing;
        }

        Neighbor? current = null;
        foreach (var n in existing)
        {
            if (n.Ip.Equals(o.Ip))
            {
                current = n;
            }
        }

        if (current is not null && current.State == Neighbor.NudPermanent && current.Mac.AsSpan().SequenceEqual(mac))
        {
            return;
        }

        var want = new Neighbor { Index = dev.Index, Ip = o.Ip, Mac = mac, State = Neighbor.NudPermanent };
        nl.SetNeighbor(want);
        if (current is null)
        {
            _undo.Push(($"delete {o.Describe()}", () => nl.DeleteNeighbor(want)));
        }
    }
}
