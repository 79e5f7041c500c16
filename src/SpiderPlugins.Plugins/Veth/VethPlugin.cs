using System.Net;
using System.Net.Sockets;
using SpiderPlugins.Cni;
using SpiderPlugins.Cni.Results;
using SpiderPlugins.Core.Diagnostics;
using SpiderPlugins.Core.Locking;
using SpiderPlugins.Core.Logging;
using SpiderPlugins.Core.Model;
using SpiderPlugins.Core.Naming;
using SpiderPlugins.Core.Reconcile;
using SpiderPlugins.Core.State;
using SpiderPlugins.Netlink;
using SpiderPlugins.Netlink.Objects;
using SpiderPlugins.Plugins.Common;

namespace SpiderPlugins.Plugins.Veth;

/// <summary>
/// The `veth` plugin, chained after macvlan / SR-IOV / ipvlan: makes the underlay pod reach ClusterIP Services, its
/// node and overlay pods through a veth pair, keeps each NIC's replies on that NIC, and optionally sets a MAC derived
/// from the pod IP. ADD converges when repeated and undoes its own work on failure; DEL always succeeds when
/// there is nothing left to remove.
/// </summary>
public sealed class VethPlugin : ICniPlugin
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    public string Name => "veth";

    public CniResult Add(CniCall call)
    {
        var cfg = VethConfigParser.Parse(call.Config);
        using var log = Logs.Open(cfg, call, "ADD");
        var prev = call.Config.PrevResult;
        if (cfg.SkipCall && prev is not null)
        {
            log.Info("skip_call: prevResult passed through");
            return prev;
        }

        if (prev is null)
        {
            throw new CniException(CniErrorCode.InvalidConfig, "veth must be called as a chained plugin: prevResult is missing");
        }

        var req = call.Request;
        var ifName = req.IfName!;
        using var pod = PodNamespace.Open(req.Netns!);
        var podNl = pod.Netlink;
        var iface = podNl.GetLink(ifName) ?? throw new CniException(CniErrorCode.Internal, $"interface {ifName} not found in {req.Netns}");
        var addrs = GlobalAddresses(podNl, iface.Index);

        if (cfg.IpConflict is { } ic)
        {
            ConflictCheck.Run(pod.Thread, podNl, iface, addrs, ic, log);
        }

        var result = prev;
        if (cfg.MacPrefix is { } prefix)
        {
            iface = MacRewrite.Apply(pod.Thread, podNl, iface, addrs, prefix, log);
            result = ResultEdits.WithMac(result, ifName, iface.Mac);
        }

        if (cfg.OnlyMac)
        {
            return result;
        }

        var store = new StateStore(cfg.StateDir);
        using (NodeLock.Acquire(cfg.StateDir, LockTimeout))
        {
            using var hostNs = NetnsHandle.OpenCurrent();
            using var hostNl = RtNetlink.Open();
            var previous = store.Load(req.ContainerId!, ifName, out var problem);
            if (problem is not null)
            {
                log.Warn(problem);
            }

            var (primary, hostVeth) = Role(previous, store, podNl, hostNl, req.ContainerId!, ifName);
            var podIps = addrs.Select(a => a.Ip).ToList();
            var nodeIps = NodeAddresses.Discover(hostNl, podIps);
            if (nodeIps.Count == 0 && previous is not null)
            {
                nodeIps = previous.NodeIps.Select(IPAddress.Parse).ToList();
            }

            var facts = new VethFacts
            {
                Interface = iface,
                Addresses = addrs,
                Primary = primary,
                NodeIps = nodeIps,
                PodRoutes = primary ? [] : AllRoutes(podNl),
                PodRules = primary ? [] : AllRules(podNl),
            };
            VethPlan plan;
            try
            {
                plan = VethPlanner.Plan(cfg, facts, ifName, hostVeth);
            }
            catch (PlanException e)
            {
                throw new CniException(CniErrorCode.Internal, e.Message);
            }

            // The state is written before the first mutation: a plugin killed midway leaves a record DEL can use.
            store.Save(new AttachmentState
            {
                ContainerId = req.ContainerId!,
                IfName = ifName,
                Netns = req.Netns,
                Primary = primary,
                HostVeth = hostVeth,
                HostTable = cfg.HostTable,
                PodIps = plan.PodIps.Select(ip => ip.ToString()).ToList(),
                NodeIps = plan.NodeIps.Select(ip => ip.ToString()).ToList(),
                NicTable = plan.NicTable,
            });

            var sides = new KernelSides(podNl, hostNl, pod.Thread, hostNs);
            var reconciler = new Reconciler(sides, log);
            try
            {
                TestHooks.StopAt("apply");
                reconciler.Apply(plan.Objects);
            }
            catch (Exception e)
            {
                log.Error($"ADD failed, undoing this call's changes: {e.Message}");
                reconciler.Undo();
                if (previous is null)
                {
                    store.Delete(req.ContainerId!, ifName);
                }

                throw Errors.From(e);
            }

            reconciler.Commit();
            log.Info($"ADD done: {plan.Objects.Count} objects, primary={primary}, pod IPs {string.Join(' ', plan.PodIps)}");
            if (cfg.ReportVeth && primary)
            {
                result = ResultEdits.WithVeth(result, sides.RequireLink(Side.Pod, Names.PodVeth).Mac, req.Netns!);
            }
        }

        return result;
    }

    public void Del(CniCall call)
    {
        var cfg = VethConfigParser.ParseLenient(call.Config, out var configProblem);
        using var log = Logs.Open(cfg, call, "DEL");
        if (configProblem is not null)
        {
            log.Warn($"config invalid, cleaning up with defaults: {configProblem}");
        }

        var req = call.Request;
        var ifName = req.IfName!;
        var store = new StateStore(cfg.StateDir);
        using (NodeLock.Acquire(cfg.StateDir, LockTimeout))
        {
            var state = store.Load(req.ContainerId!, ifName, out var problem);
            if (problem is not null)
            {
                log.Warn(problem);
            }

            var hostVeth = state?.HostVeth ?? HostVethName.For(req.ContainerId!);
            var podIps = state?.PodIps.Select(IPAddress.Parse).ToList() ?? PrevResultIps(call.Config.PrevResult, ifName);
            var primary = state?.Primary ?? !OtherPrimaryExists(store, req.ContainerId!, ifName);

            if (state is { Primary: false, NicTable: { } table } && PodNamespace.TryOpen(req.Netns) is { } pod)
            {
                using (pod)
                {
                    PodCleanup.RemoveNicTable(pod.Netlink, table, podIps, log);
                }
            }

            using var hostNl = RtNetlink.Open();
            HostCleanup.Remove(hostNl, hostVeth, primary, podIps, state?.HostTable ?? cfg.HostTable, log);
            store.Delete(req.ContainerId!, ifName);
            log.Info($"DEL done for {hostVeth}, pod IPs {string.Join(' ', podIps)}");
        }
    }

    public void Check(CniCall call)
    {
        var cfg = VethConfigParser.Parse(call.Config);
        using var log = Logs.Open(cfg, call, "CHECK");
        if (call.Config.PrevResult is null)
        {
            throw new CniException(CniErrorCode.InvalidConfig, "CHECK needs prevResult (the cached ADD result)");
        }

        if (cfg.SkipCall)
        {
            return;
        }

        var req = call.Request;
        var ifName = req.IfName!;
        using var pod = PodNamespace.Open(req.Netns!);
        var podNl = pod.Netlink;
        var iface = podNl.GetLink(ifName) ?? throw new CniException(CniErrorCode.CheckMismatch, $"CHECK: interface {ifName} is missing in {req.Netns}");
        var addrs = GlobalAddresses(podNl, iface.Index);
        foreach (var ip in PrevResultIps(call.Config.PrevResult, ifName))
        {
            if (!addrs.Any(a => a.Ip.Equals(ip)))
            {
                throw new CniException(CniErrorCode.CheckMismatch, $"CHECK: {ifName} lacks the address {ip} of prevResult");
            }
        }

        if (cfg.MacPrefix is { } prefix && addrs.Count > 0)
        {
            var want = Mac.FromIp(prefix, MacRewrite.SourceAddress(addrs));
            if (!iface.Mac.AsSpan().SequenceEqual(want))
            {
                throw new CniException(CniErrorCode.CheckMismatch, $"CHECK: {ifName} has MAC {Format.Mac(iface.Mac)}, expected {Format.Mac(want)}");
            }
        }

        if (cfg.OnlyMac)
        {
            return;
        }

        var state = new StateStore(cfg.StateDir).Load(req.ContainerId!, ifName, out var problem)
            ?? throw new CniException(CniErrorCode.CheckMismatch, $"CHECK: no state for {req.ContainerId}/{ifName} in {cfg.StateDir}{(problem is null ? "" : ": " + problem)}");
        using var hostNs = NetnsHandle.OpenCurrent();
        using var hostNl = RtNetlink.Open();
        var facts = new VethFacts
        {
            Interface = iface,
            Addresses = addrs,
            Primary = state.Primary,
            NodeIps = state.NodeIps.Select(IPAddress.Parse).ToList(),
            PodRoutes = state.Primary ? [] : AllRoutes(podNl),
            PodRules = state.Primary ? [] : AllRules(podNl),
        };
        var plan = VethPlanner.Plan(cfg, facts, ifName, state.HostVeth);
        var difference = new Verifier(new KernelSides(podNl, hostNl, pod.Thread, hostNs)).FirstDifference(plan.Objects);
        if (difference is not null)
        {
            throw new CniException(CniErrorCode.CheckMismatch, $"CHECK: {difference}");
        }

        log.Debug("CHECK: all objects in place");
    }

    public void Gc(CniCall call)
    {
        var cfg = VethConfigParser.ParseLenient(call.Config, out _);
        using var log = Logs.Open(cfg, call, "GC");
        var valid = call.Config.ValidAttachments;
        if (valid is null)
        {
            // No list at all (cnitool gc): we cannot tell live from dead, so we remove nothing.
            log.Info("GC without cni.dev/valid-attachments: nothing removed");
            return;
        }

        var keep = valid.Select(a => (a.ContainerId, a.IfName)).ToHashSet();
        var store = new StateStore(cfg.StateDir);
        var errors = new List<string>();
        using (NodeLock.Acquire(cfg.StateDir, LockTimeout))
        {
            using var hostNl = RtNetlink.Open();
            foreach (var (file, s) in store.List().ToList())
            {
                if (s is not null && keep.Contains((s.ContainerId, s.IfName)))
                {
                    continue;
                }

                try
                {
                    if (s is not null)
                    {
                        HostCleanup.Remove(hostNl, s.HostVeth, s.Primary, s.PodIps.Select(IPAddress.Parse).ToList(), s.HostTable, log);
                    }

                    File.Delete(file);
                    log.Info($"GC removed {(s is null ? "unreadable state " + file : s.ContainerId + "/" + s.IfName)}");
                }
                catch (Exception e) when (e is NetlinkException or IOException)
                {
                    errors.Add($"{file}: {e.Message}");
                }
            }
        }

        if (errors.Count > 0)
        {
            throw new CniException(CniErrorCode.Internal, $"GC could not remove {errors.Count} attachment(s)", string.Join("; ", errors));
        }
    }

    public void Status(CniCall call)
    {
        VethConfig cfg;
        try
        {
            cfg = VethConfigParser.Parse(call.Config);
        }
        catch (CniException e)
        {
            throw new CniException(CniErrorCode.StatusNotAvailable, $"config is invalid: {e.Message}");
        }

        try
        {
            Directory.CreateDirectory(cfg.StateDir);
            using var nl = RtNetlink.Open();
            _ = nl.GetLink("lo");
            using (NodeLock.Acquire(cfg.StateDir, TimeSpan.FromSeconds(5)))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NetlinkException or TimeoutException)
        {
            throw new CniException(CniErrorCode.StatusNotAvailable, $"cannot service ADD: {e.Message}");
        }
    }

    /// <summary>
    /// The first veth-chained interface creates veth0; a later one finds it and uses veth0's host end. Without our
    /// state (lost, or a state dir that changed), a veth0 whose host end carries this container's name and that no
    /// other attachment of the container claims is our own from an earlier ADD.
    /// </summary>
    private static (bool Primary, string HostVeth) Role(AttachmentState? previous, StateStore store, RtNetlink pod, RtNetlink host, string containerId, string ifName)
    {
        var ours = HostVethName.For(containerId);
        var veth0 = pod.GetLink(Names.PodVeth);
        var peer = veth0 is null ? null : HostPeerOf(veth0, host);
        var primary = previous?.Primary ?? (veth0 is null || (peer == ours && !OtherPrimaryExists(store, containerId, ifName)));
        if (primary)
        {
            return (true, ours);
        }

        if (veth0 is null)
        {
            throw new CniException(CniErrorCode.Internal,
                $"{ifName} is not the pod's first veth-chained interface, but {Names.PodVeth} does not exist: chain veth after the first interface too");
        }

        return (false, peer ?? previous?.HostVeth ?? ours);
    }

    /// <summary>The host end of veth0, found through the peer index, whoever created it.</summary>
    private static string? HostPeerOf(Link veth0, RtNetlink host) =>
        veth0.ParentIndex is { } peer && host.GetLink(peer) is { Kind: "veth" } h && h.ParentIndex == veth0.Index ? h.Name : null;

    private static bool OtherPrimaryExists(StateStore store, string containerId, string ifName)
    {
        foreach (var (_, s) in store.List())
        {
            if (s is { Primary: true } && s.ContainerId == containerId && s.IfName != ifName)
            {
                return true;
            }
        }

        return false;
    }

    internal static List<Address> GlobalAddresses(RtNetlink nl, int index) =>
        nl.ListAddresses(index)
            .Where(a => a.Scope == 0 && !a.Ip.IsIPv6LinkLocal && !a.Ip.IsIPv6Multicast && (a.Flags & 0x8) == 0)
            .OrderBy(a => a.Ip.AddressFamily == AddressFamily.InterNetwork ? 0 : 1)
            .ToList();

    private static List<Route> AllRoutes(RtNetlink nl)
    {
        var list = new List<Route>(nl.ListRoutes(AddressFamily.InterNetwork));
        list.AddRange(nl.ListRoutes(AddressFamily.InterNetworkV6));
        list.RemoveAll(r => r.Table == 255 || r.Type != 1);
        return list;
    }

    private static List<Rule> AllRules(RtNetlink nl)
    {
        var list = new List<Rule>(nl.ListRules(AddressFamily.InterNetwork));
        list.AddRange(nl.ListRules(AddressFamily.InterNetworkV6));
        return list;
    }

    private static List<IPAddress> PrevResultIps(CniResult? prev, string ifName)
    {
        var list = new List<IPAddress>();
        if (prev is null)
        {
            return list;
        }

        foreach (var ip in prev.Ips)
        {
            if (ip.Interface is not { } i || (i >= 0 && i < prev.Interfaces.Count && prev.Interfaces[i].Name == ifName))
            {
                list.Add(ip.Address);
            }
        }

        return list;
    }
}
