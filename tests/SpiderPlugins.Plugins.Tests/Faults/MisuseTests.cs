using System.Diagnostics;
using SpiderPlugins.Core.Naming;
using SpiderPlugins.Plugins.Tests.Integration;
using SpiderPlugins.Plugins.Tests.Stress;
using static SpiderPlugins.Plugins.Tests.Integration.NodeBed;

namespace SpiderPlugins.Plugins.Tests.Faults;

/// <summary>
/// Calls in the orders and circumstances runtimes really produce: the netns already gone, an empty CNI_NETNS,
/// repeated verbs, and the node lock held by a process that died or by one that is still working.
/// </summary>
[Collection(HeavyCollection.Name)]
public class MisuseTests
{
    private static readonly string[] Dual = ["172.30.1.100/24", "fd00:30:1::100/64"];

    private static NodeBed Bed(out string config, out NodeCensus clean)
    {
        var bed = new NodeBed();
        bed.AddPodNic("p1", "eth0", "ens192", Dual, GwA4, GwA6);
        config = bed.Config("p1", "eth0", Dual);
        clean = NodeCensus.Take(bed);
        return bed;
    }

    [Fact]
    public void DelAfterThePodNetnsWasDeleted()
    {
        using var bed = Bed(out var config, out var clean);
        Plugin.Ok(bed, "ADD", "c1", "p1", config);
        bed.DeletePodNs("p1");
        Assert.Equal("", Plugin.Ok(bed, "DEL", "c1", "p1", config).Stdout);
        NodeCensus.AssertUnchanged(clean, bed, "DEL after the netns was deleted");
    }

    [Fact]
    public void DelWithEmptyNetns()
    {
        using var bed = Bed(out var config, out var clean);
        Plugin.Ok(bed, "ADD", "c1", "p1", config);
        Assert.Equal("", Plugin.Ok(bed, "DEL", "c1", "p1", config, netns: "").Stdout);
        NodeCensus.AssertUnchanged(clean, bed, "DEL with CNI_NETNS empty");
        Assert.Null(Kernel.Link(bed.PodNs("p1"), "veth0")); // the pair went with its host end
    }

    [Fact]
    public void DelTwiceAndAddTwice()
    {
        using var bed = Bed(out var config, out var clean);
        Plugin.Ok(bed, "ADD", "c1", "p1", config);
        var once = NodeCensus.Take(bed);
        var podRoutes = Kernel.Routes(bed.PodNs("p1"));
        Plugin.Ok(bed, "ADD", "c1", "p1", config);
        NodeCensus.AssertUnchanged(once, bed, "second ADD");
        Assert.Equal(podRoutes, Kernel.Routes(bed.PodNs("p1")));
        Plugin.Ok(bed, "CHECK", "c1", "p1", config);

        Plugin.Ok(bed, "DEL", "c1", "p1", config);
        NodeCensus.AssertUnchanged(clean, bed, "first DEL");
        Plugin.Ok(bed, "DEL", "c1", "p1", config);
        NodeCensus.AssertUnchanged(clean, bed, "second DEL");
    }

    [Fact]
    public void LockHeldByAProcessThatWasKilledDoesNotBlockAdd()
    {
        using var bed = Bed(out var config, out var clean);
        using (var holder = new LockHolder(bed.StateDir))
        {
            holder.Kill();
        }

        var sw = Stopwatch.StartNew();
        Plugin.Ok(bed, "ADD", "c1", "p1", config);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(15), $"ADD took {sw.Elapsed} after the lock holder died");
        Plugin.Ok(bed, "CHECK", "c1", "p1", config);
        Plugin.Ok(bed, "DEL", "c1", "p1", config);
        NodeCensus.AssertUnchanged(clean, bed, "DEL");
    }

    [Fact]
    public void AddWaitsForALiveLockHolderAndCompletesOnceItIsReleased()
    {
        using var bed = Bed(out var config, out var clean);
        using var holder = new LockHolder(bed.StateDir);
        using var add = Plugin.Start(bed, "ADD", "c1", "p1", config);

        // The holder keeps the lock for about half a second (a slow ADD of another pod). All that time the ADD must
        // wait: not exit, and not touch the node.
        var held = Stopwatch.StartNew();
        while (held.ElapsedMilliseconds < 500)
        {
            if (add.HasExited)
            {
                var early = add.Wait();
                Assert.Fail($"ADD did not wait for the node lock: exit {early.ExitCode} after {held.ElapsedMilliseconds} ms: {early.Stdout} {early.Stderr}");
            }

            Thread.Sleep(20);
        }

        NodeCensus.AssertUnchanged(clean, bed, "while the lock is held");
        holder.Kill();

        var o = add.Wait(35000);
        Assert.True(o.ExitCode == 0, $"ADD after the lock was released failed ({o.ExitCode}): {o.Stdout} {o.Stderr}");
        Assert.NotNull(Kernel.Link(bed.Node, HostVethName.For("c1")));
        Plugin.Ok(bed, "CHECK", "c1", "p1", config);
        Plugin.Ok(bed, "DEL", "c1", "p1", config);
        NodeCensus.AssertUnchanged(clean, bed, "DEL");
    }

    [Fact]
    public void StatusReportsUnavailableWhileTheLockStaysHeld()
    {
        using var bed = new NodeBed();
        using var holder = new LockHolder(bed.StateDir);
        var cfg = $$"""{"cniVersion":"1.1.0","name":"underlay","type":"veth","state_dir":"{{bed.StateDir}}"}""";
        using var status = RunningPlugin.Start(bed.Node, new Dictionary<string, string> { ["CNI_COMMAND"] = "STATUS" }, System.Text.Encoding.UTF8.GetBytes(cfg));
        var o = status.Wait();
        Assert.Equal(1, o.ExitCode);
        Assert.StartsWith("""{"cniVersion":"1.1.0","code":50,"msg":"cannot service ADD: node lock """, o.Stdout, StringComparison.Ordinal);
        Assert.Contains("still held by another plugin", o.Stdout, StringComparison.Ordinal);
        Assert.True(holder.Alive);
    }
}
