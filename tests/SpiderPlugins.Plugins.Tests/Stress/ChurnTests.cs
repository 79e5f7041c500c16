using System.Globalization;
using SpiderPlugins.Core.Naming;
using SpiderPlugins.Plugins.Tests.Integration;
using static SpiderPlugins.Plugins.Tests.Integration.NodeBed;

namespace SpiderPlugins.Plugins.Tests.Stress;

/// <summary>
/// Pods come and go with the same IP (StatefulSets with fixed IPs): each cycle is a new sandbox (container ID and
/// netns) with the IP of the previous one. Even cycles DEL the old sandbox first; odd cycles ADD the new one while
/// the old one still exists and DEL the old one after, the order kubelet produces when a pod is replaced in a hurry.
/// At the end the node must hold exactly what it held before, and the plugin's peak memory must not grow.
/// </summary>
[Collection(HeavyCollection.Name)]
public class ChurnTests
{
    private static readonly string[] Ip = ["172.30.1.100/24", "fd00:30:1::100/64"];

    [Fact]
    public void AddDelCyclesWithIpReuseLeakNothingAndKeepPeakMemoryFlat()
    {
        using var bed = new NodeBed();
        using var rss = new PeakRss();
        var before = NodeCensus.Take(bed);
        var addKb = new List<long>();
        var delKb = new List<long>();
        string? previous = null;

        for (var i = 0; i < StressSize.ChurnCycles; i++)
        {
            var pod = "c" + i.ToString(CultureInfo.InvariantCulture);
            var cid = $"churn-{i}";
            if (previous is not null && i % 2 == 0)
            {
                delKb.Add(Del(previous));
                previous = null;
            }
            else if (previous is not null)
            {
                // The old sandbox stays, but with its NIC down: two live owners of one IP on one L2 would be an IP conflict.
                Integration.Ip.Ns(bed.PodNs(previous), "link", "set", "eth0", "down");
            }

            bed.AddPodNic(pod, "eth0", "ens192", Ip, GwA4, GwA6);
            addKb.Add(Run("ADD", cid, pod));
            if (previous is not null)
            {
                delKb.Add(Del(previous));
            }

            // The IP belongs to the newest sandbox on the node, and only to it.
            Assert.Equal([$"172.30.1.100 dev {HostVethName.For(cid)} scope link"], Kernel.Routes(bed.Node, "500"));
            Assert.Equal([$"fd00:30:1::100 dev {HostVethName.For(cid)}"], Kernel.Routes(bed.Node, "500", v6: true));
            Assert.True(Kernel.Ping(bed.Node, "172.30.1.100"), $"cycle {i}: the node cannot reach the new sandbox");
            previous = pod;
        }

        delKb.Add(Del(previous!));
        NodeCensus.AssertUnchanged(before, bed, $"after {StressSize.ChurnCycles} cycles");

        // A leak check, not a timing: a plugin that kept per-call state would grow with every cycle.
        AssertFlat("ADD", addKb);
        AssertFlat("DEL", delKb);

        long Del(string oldPod)
        {
            var kb = Run("DEL", "churn-" + oldPod[1..], oldPod);
            bed.DeletePodNs(oldPod);
            return kb;
        }

        long Run(string verb, string cid, string pod)
        {
            var (wrapper, file) = rss.Next();
            using var p = Plugin.Start(bed, verb, cid, pod, bed.Config(pod, "eth0", Ip), wrapper: wrapper);
            var o = p.Wait();
            Assert.True(o.ExitCode == 0, $"{verb} {cid} failed ({o.ExitCode}): {o.Stdout} {o.Stderr}");
            return PeakRss.ReadKb(file);
        }
    }

    private static void AssertFlat(string verb, List<long> kb)
    {
        var quarter = kb.Count / 4;
        var first = PeakRss.Median(kb[..quarter]);
        var last = PeakRss.Median(kb[^quarter..]);
        Assert.True(last <= first + 1024, $"{verb} peak RSS grew: first-quarter median {first} KiB, last-quarter median {last} KiB");
    }
}
