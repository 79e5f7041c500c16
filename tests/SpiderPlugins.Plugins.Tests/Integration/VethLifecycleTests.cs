using SpiderPlugins.Core.Naming;
using static SpiderPlugins.Plugins.Tests.Integration.NodeBed;

namespace SpiderPlugins.Plugins.Tests.Integration;

/// <summary>DEL, CHECK, GC, failures midway and IP reuse, against the real kernel.</summary>
public class VethLifecycleTests
{
    private static readonly string[] Dual = ["172.30.1.100/24", "fd00:30:1::100/64"];

    private static void AssertNodeClean(NodeBed bed)
    {
        Assert.DoesNotContain(Kernel.LinkNames(bed.Node), n => n.StartsWith("veth", StringComparison.Ordinal));
        Assert.Empty(Kernel.Routes(bed.Node, "500"));
        Assert.Empty(Kernel.Routes(bed.Node, "500", v6: true));
        Assert.DoesNotContain("1000: from all lookup 500", Kernel.Rules(bed.Node));
        Assert.DoesNotContain("1000: from all lookup 500", Kernel.Rules(bed.Node, v6: true));
        Assert.Empty(Kernel.PermanentNeighbours(bed.Node));
        Assert.Empty(Directory.Exists(bed.StateDir) ? Directory.GetFiles(bed.StateDir, "*.json") : []);
    }

    private static NodeBed WithPod(out string config)
    {
        var bed = new NodeBed();
        bed.AddPodNic("p1", "eth0", "ens192", Dual, GwA4, GwA6);
        config = bed.Config("p1", "eth0", Dual);
        bed.Ok("ADD", "c1", "p1", "eth0", config);
        return bed;
    }

    [Fact]
    public void DelRemovesEverythingAndTwiceIsFine()
    {
        using var bed = WithPod(out var config);
        var del = bed.Ok("DEL", "c1", "p1", "eth0", config);
        Assert.Equal("", del.Stdout);
        AssertNodeClean(bed);
        Assert.Null(Kernel.Link(bed.PodNs("p1"), "veth0"));
        bed.Ok("DEL", "c1", "p1", "eth0", config);
        AssertNodeClean(bed);
    }

    [Fact]
    public void DelAfterTheNetnsIsGone()
    {
        using var bed = WithPod(out var config);
        bed.DeletePodNs("p1");
        bed.Ok("DEL", "c1", "p1", "eth0", config);
        AssertNodeClean(bed);
    }

    [Fact]
    public void DelWithEmptyNetnsAndNoPrevResult()
    {
        using var bed = WithPod(out _);
        var o = bed.Cni("DEL", "c1", "p1", "eth0", bed.Config("p1", "eth0", Dual, withPrevResult: false), netns: "");
        Assert.Equal(0, o.ExitCode);
        AssertNodeClean(bed);
    }

    [Fact]
    public void DelWithoutStateFallsBackToDerivedNames()
    {
        using var bed = WithPod(out var config);
        foreach (var f in Directory.GetFiles(bed.StateDir, "*.json"))
        {
            File.WriteAllText(f, "{\"containerId\":"); // truncated, as after a crash mid-write of an older version
        }

        bed.Ok("DEL", "c1", "p1", "eth0", config);
        AssertNodeClean(bed);
    }

    [Fact]
    public void DelOfAnUnknownAttachmentSucceeds()
    {
        using var bed = new NodeBed();
        bed.AddPodNic("p1", "eth0", "ens192", Dual, GwA4, GwA6);
        bed.Ok("DEL", "never-added", "p1", "eth0", bed.Config("p1", "eth0", Dual));
        AssertNodeClean(bed);
    }

    [Fact]
    public void CheckPassesAfterAddAndNamesWhatAHandRemoved()
    {
        using var bed = WithPod(out var config);
        Assert.Equal("", bed.Ok("CHECK", "c1", "p1", "eth0", config).Stdout);

        Ip.Ns(bed.PodNs("p1"), "route", "del", "10.233.0.0/18");
        var o = bed.Cni("CHECK", "c1", "p1", "eth0", config);
        Assert.Equal(1, o.ExitCode);
        Assert.Equal("""{"cniVersion":"1.0.0","code":999,"msg":"CHECK: pod route 10.233.0.0/18 via 172.30.1.11 dev veth0 src 172.30.1.100 table main: is missing"}""", o.Stdout);

        bed.Ok("ADD", "c1", "p1", "eth0", config); // ADD repairs
        bed.Ok("CHECK", "c1", "p1", "eth0", config);

        Ip.Ns(bed.Node, "neigh", "del", "172.30.1.100", "dev", HostVethName.For("c1"));
        o = bed.Cni("CHECK", "c1", "p1", "eth0", config);
        Assert.Contains($"host neighbour 172.30.1.100 dev {HostVethName.For("c1")}", o.Stdout, StringComparison.Ordinal);
        Assert.Contains("is missing", o.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void AddFailingMidwayUndoesItsOwnWork()
    {
        using var bed = new NodeBed();
        bed.AddPodNic("p1", "eth0", "ens192", Dual, GwA4, GwA6);
        var pod = bed.PodNs("p1");
        Ip.InNs(pod, "sysctl", "-qw", "net.ipv4.conf.all.rp_filter=1");
        var config = bed.Config("p1", "eth0", Dual);
        var o = bed.Cni("ADD", "c1", "p1", "eth0", config, failAt: "object-20");

        Assert.Equal(1, o.ExitCode);
        Assert.Contains("injected fault at object-20", o.Stdout, StringComparison.Ordinal);
        AssertNodeClean(bed);
        Assert.Null(Kernel.Link(pod, "veth0"));
        Assert.Equal("1", Kernel.Sysctl(pod, "ipv4/conf/all/rp_filter"));
        Assert.DoesNotContain(Kernel.Routes(pod), r => r.Contains("veth0", StringComparison.Ordinal));

        bed.Ok("ADD", "c1", "p1", "eth0", config); // and a retried ADD succeeds
        bed.Ok("CHECK", "c1", "p1", "eth0", config);
    }

    [Fact]
    public void GcRemovesAttachmentsNotInTheValidList()
    {
        using var bed = new NodeBed();
        bed.AddPodNic("p1", "eth0", "ens192", ["172.30.1.100/24"], GwA4);
        bed.AddPodNic("p2", "eth0", "ens192", ["172.30.1.101/24"], GwA4);
        bed.Ok("ADD", "c1", "p1", "eth0", bed.Config("p1", "eth0", ["172.30.1.100/24"], version: "1.1.0"));
        bed.Ok("ADD", "c2", "p2", "eth0", bed.Config("p2", "eth0", ["172.30.1.101/24"], version: "1.1.0"));

        var gc = $$"""{"cniVersion":"1.1.0","name":"underlay","type":"veth","state_dir":"{{bed.StateDir}}","cni.dev/valid-attachments":[{"containerID":"c2","ifname":"eth0"}]}""";
        var o = PluginProcess.Run(bed.Node, PluginProcess.Plugin("veth"), new Dictionary<string, string> { ["CNI_COMMAND"] = "GC", ["CNI_PATH"] = "/opt/cni/bin" }, gc);
        Assert.True(o.ExitCode == 0, o.Stdout + o.Stderr);
        Assert.Null(Kernel.Link(bed.Node, HostVethName.For("c1")));
        Assert.NotNull(Kernel.Link(bed.Node, HostVethName.For("c2")));
        Assert.Equal([$"172.30.1.101 dev {HostVethName.For("c2")} scope link"], Kernel.Routes(bed.Node, "500"));
        Assert.Single(Directory.GetFiles(bed.StateDir, "*.json"));

        // Without any list GC removes nothing.
        var none = $$"""{"cniVersion":"1.1.0","name":"underlay","type":"veth","state_dir":"{{bed.StateDir}}"}""";
        o = PluginProcess.Run(bed.Node, PluginProcess.Plugin("veth"), new Dictionary<string, string> { ["CNI_COMMAND"] = "GC", ["CNI_PATH"] = "/opt/cni/bin" }, none);
        Assert.Equal(0, o.ExitCode);
        Assert.NotNull(Kernel.Link(bed.Node, HostVethName.For("c2")));
    }

    [Fact]
    public void StatusAnswersFromLocalChecks()
    {
        using var bed = new NodeBed();
        var cfg = $$"""{"cniVersion":"1.1.0","name":"underlay","type":"veth","state_dir":"{{bed.StateDir}}"}""";
        var o = PluginProcess.Run(bed.Node, PluginProcess.Plugin("veth"), new Dictionary<string, string> { ["CNI_COMMAND"] = "STATUS" }, cfg);
        Assert.Equal(0, o.ExitCode);
        Assert.Equal("", o.Stdout);
    }

    [Fact]
    public void IpReusedByANewSandboxTakesOverHostRouteAndNeighbour()
    {
        using var bed = new NodeBed();
        string[] ip = ["172.30.1.100/24"];
        bed.AddPodNic("old", "eth0", "ens192", ip, GwA4);
        bed.Ok("ADD", "c-old", "old", "eth0", bed.Config("old", "eth0", ip));
        // The new sandbox gets the same IP before the old one's DEL ran (fixed-IP pods).
        Ip.Ns(bed.PodNs("old"), "link", "set", "eth0", "down");
        bed.AddPodNic("new", "eth0", "ens192", ip, GwA4);
        bed.Ok("ADD", "c-new", "new", "eth0", bed.Config("new", "eth0", ip));
        var newVeth = HostVethName.For("c-new");
        Assert.Equal([$"172.30.1.100 dev {newVeth} scope link"], Kernel.Routes(bed.Node, "500"));
        Assert.True(Kernel.Ping(bed.Node, "172.30.1.100"));

        // The old sandbox's DEL must not take the new one's route with it.
        bed.Ok("DEL", "c-old", "old", "eth0", bed.Config("old", "eth0", ip));
        Assert.Equal([$"172.30.1.100 dev {newVeth} scope link"], Kernel.Routes(bed.Node, "500"));
        Assert.Contains("1000: from all lookup 500", Kernel.Rules(bed.Node));
        Assert.True(Kernel.Ping(bed.Node, "172.30.1.100"));
        bed.Ok("CHECK", "c-new", "new", "eth0", bed.Config("new", "eth0", ip));
    }
}
