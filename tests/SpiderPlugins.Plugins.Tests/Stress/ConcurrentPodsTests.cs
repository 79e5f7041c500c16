using System.Globalization;
using SpiderPlugins.Core.Naming;
using SpiderPlugins.Plugins.Tests.Integration;
using static SpiderPlugins.Plugins.Tests.Integration.NodeBed;

namespace SpiderPlugins.Plugins.Tests.Stress;

/// <summary>
/// Many pods of one node ADDed and DELeted at the same moment, as kubelet does after a node reboot: every plugin
/// process contends for the node lock and the shared `from all lookup 500` rule. Size: <see cref="StressSize"/>.
/// </summary>
[Collection(HeavyCollection.Name)]
public class ConcurrentPodsTests
{
    private sealed record Pod(string Name, string ContainerId, string V4, string V6, string Config)
    {
        public string HostVeth => HostVethName.For(ContainerId);
    }

    [Fact]
    public void ParallelAddsGiveEveryPodItsOwnRoutesAndParallelDelsLeaveNothing()
    {
        using var bed = new NodeBed();
        var empty = NodeCensus.Take(bed);
        var pods = Enumerable.Range(0, StressSize.ConcurrentPods).Select(i =>
        {
            var name = "p" + i.ToString(CultureInfo.InvariantCulture);
            var v4 = $"172.30.1.{100 + i}";
            var v6 = $"fd00:30:1::{0x100 + i:x}";
            string[] cidrs = [v4 + "/24", v6 + "/64"];
            bed.AddPodNic(name, "eth0", "ens192", cidrs, GwA4, GwA6);
            return new Pod(name, $"conc-{i}", v4, v6, bed.Config(name, "eth0", cidrs));
        }).ToList();

        // All processes are started before any is awaited, so they really run at once.
        var adds = StartAll(bed, "ADD", pods);
        foreach (var (pod, outcome) in pods.Zip(adds))
        {
            Assert.True(outcome.ExitCode == 0, $"ADD {pod.ContainerId} failed ({outcome.ExitCode}): {outcome.Stdout} {outcome.Stderr}");
        }

        // Host: exactly one route per pod IP, through that pod's own veth, and one shared rule per family.
        Assert.Equal(pods.Select(p => $"{p.V4} dev {p.HostVeth} scope link").Order(StringComparer.Ordinal),
            Kernel.Routes(bed.Node, "500").Order(StringComparer.Ordinal));
        Assert.Equal(pods.Select(p => $"{p.V6} dev {p.HostVeth}").Order(StringComparer.Ordinal),
            Kernel.Routes(bed.Node, "500", v6: true).Order(StringComparer.Ordinal));
        Assert.Single(Kernel.Rules(bed.Node), r => r == "1000: from all lookup 500");
        Assert.Single(Kernel.Rules(bed.Node, v6: true), r => r == "1000: from all lookup 500");
        Assert.DoesNotContain(Kernel.Rules(bed.Node).Concat(Kernel.Rules(bed.Node, v6: true)), r => r.Contains("lookup 500", StringComparison.Ordinal) && r != "1000: from all lookup 500");

        var hostNeighbours = new List<string>();
        foreach (var pod in pods)
        {
            var ns = bed.PodNs(pod.Name);
            var podMac = Kernel.Mac(ns, "veth0");
            var hostMac = Kernel.Mac(bed.Node, pod.HostVeth);
            hostNeighbours.Add($"{pod.V4} dev {pod.HostVeth} lladdr {podMac}");
            hostNeighbours.Add($"{pod.V6} dev {pod.HostVeth} lladdr {podMac}");
            Assert.Equal(
            [
                $"172.30.1.11 dev veth0 lladdr {hostMac}",
                $"172.30.2.11 dev veth0 lladdr {hostMac}",
                $"fd00:30:1::11 dev veth0 lladdr {hostMac}",
                $"fd00:30:2::11 dev veth0 lladdr {hostMac}",
            ], Kernel.PermanentNeighbours(ns));
            Assert.True(Kernel.Ping(ns, NodeA4), $"{pod.Name} cannot reach the node over IPv4");
            Assert.True(Kernel.Ping(ns, NodeA6), $"{pod.Name} cannot reach the node over IPv6");
            Assert.True(Kernel.Ping(bed.Node, pod.V4), $"the node cannot reach {pod.Name} over IPv4");
            Assert.True(Kernel.Ping(bed.Node, pod.V6), $"the node cannot reach {pod.Name} over IPv6");
        }

        Assert.Equal(hostNeighbours.Order(StringComparer.Ordinal), Kernel.PermanentNeighbours(bed.Node));
        Assert.Equal(pods.Select(p => p.ContainerId + "-eth0.json").Order(StringComparer.Ordinal), NodeCensus.StateEntries(bed.StateDir));

        var dels = StartAll(bed, "DEL", pods);
        foreach (var (pod, outcome) in pods.Zip(dels))
        {
            Assert.True(outcome.ExitCode == 0, $"DEL {pod.ContainerId} failed ({outcome.ExitCode}): {outcome.Stdout} {outcome.Stderr}");
            Assert.Equal("", outcome.Stdout);
            Assert.Null(Kernel.Link(bed.PodNs(pod.Name), "veth0"));
        }

        NodeCensus.AssertUnchanged(empty, bed, "after the parallel DELs");
    }

    private static List<PluginProcess.Outcome> StartAll(NodeBed bed, string verb, List<Pod> pods)
    {
        var running = new List<RunningPlugin>();
        try
        {
            foreach (var pod in pods)
            {
                running.Add(Plugin.Start(bed, verb, pod.ContainerId, pod.Name, pod.Config));
            }

            return running.Select(r => r.Wait(60000)).ToList();
        }
        finally
        {
            running.ForEach(r => r.Dispose());
        }
    }
}
