using System.Globalization;
using System.Text.RegularExpressions;
using SpiderPlugins.Plugins.Tests.Integration;
using SpiderPlugins.Plugins.Tests.Stress;
using Xunit.Abstractions;
using static SpiderPlugins.Plugins.Tests.Integration.NodeBed;

namespace SpiderPlugins.Plugins.Tests.Faults;

/// <summary>
/// The plugin SIGKILLed at every step of a dual-stack primary ADD in turn (the OOM killer, a node drain, a runtime
/// timeout): SPIDER_PLUGINS_TEST_STOP_AT stops it right before step i, the test kills it there, and then the DEL the
/// runtime sends next must leave nothing on the node, and a retried ADD must succeed and pass CHECK.
/// </summary>
[Collection(HeavyCollection.Name)]
public partial class KillAtEveryStepTests(ITestOutputHelper output)
{
    private static readonly string[] Dual = ["172.30.1.100/24", "fd00:30:1::100/64"];

    [GeneratedRegex("ADD done: ([0-9]+) objects")]
    private static partial Regex Done();

    [Fact]
    public void DelAfterAKillAtAnyStepLeavesNothingAndARetriedAddSucceeds()
    {
        using var bed = new NodeBed();
        bed.AddPodNic("p1", "eth0", "ens192", Dual, GwA4, GwA6);
        var config = bed.Config("p1", "eth0", Dual);
        var pod = bed.PodNs("p1");
        var clean = NodeCensus.Take(bed);

        // An undisturbed ADD says how many desired objects the plan has: the steps to kill at are "apply" and each of them.
        var first = Plugin.Ok(bed, "ADD", "k-calibrate", "p1", config);
        var count = int.Parse(Done().Match(first.Stderr).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(count >= 20, $"a dual-stack primary ADD plans {count} objects?");
        Plugin.Ok(bed, "DEL", "k-calibrate", "p1", config);
        NodeCensus.AssertUnchanged(clean, bed, "after the calibration DEL");

        var killedAt = new List<string>();
        var ranThrough = new List<string>();
        foreach (var step in (string[])["apply", .. Enumerable.Range(0, count).Select(i => $"object-{i}")])
        {
            var cid = "k-" + step;
            using (var add = Plugin.Start(bed, "ADD", cid, "p1", config, stopAt: step))
            {
                if (ProcessState.WaitStoppedOrGone(add.Pid, () => add.HasExited))
                {
                    add.Kill();
                    killedAt.Add(step);
                }
                else
                {
                    // Consecutive sysctls of one namespace are applied as one step: only the first has a stop point.
                    var o = add.Wait();
                    Assert.True(o.ExitCode == 0, $"ADD not stopped at {step} failed ({o.ExitCode}): {o.Stdout} {o.Stderr}");
                    ranThrough.Add(step);
                }
            }

            var del = Plugin.Run(bed, "DEL", cid, "p1", config);
            Assert.True(del.ExitCode == 0, $"DEL after a kill at {step} failed ({del.ExitCode}): {del.Stdout} {del.Stderr}");
            NodeCensus.AssertUnchanged(clean, bed, $"DEL after a kill at {step}");
            Assert.Null(Kernel.Link(pod, "veth0"));
            Assert.DoesNotContain(Kernel.Routes(pod), r => r.Contains("veth0", StringComparison.Ordinal));

            Plugin.Ok(bed, "ADD", cid, "p1", config);
            Plugin.Ok(bed, "CHECK", cid, "p1", config);
            Assert.True(Kernel.Ping(bed.Node, "172.30.1.100"), $"after a kill at {step} and a retried ADD the node cannot reach the pod");
            Plugin.Ok(bed, "DEL", cid, "p1", config);
            NodeCensus.AssertUnchanged(clean, bed, $"final DEL of the retry after {step}");
        }

        output.WriteLine($"{count} objects; killed at: {string.Join(' ', killedAt)}; no stop point: {string.Join(' ', ranThrough)}");

        // The first and last steps are always real stop points, and most steps are (the rest are inside a sysctl batch).
        Assert.Contains("apply", killedAt);
        Assert.Contains("object-0", killedAt);
        Assert.Contains($"object-{count - 1}", killedAt);
        Assert.True(killedAt.Count > count / 2, $"killed at only {killedAt.Count} of {count + 1} steps; ran through {string.Join(' ', ranThrough)}");
    }
}
