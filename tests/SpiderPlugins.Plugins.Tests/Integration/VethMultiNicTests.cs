using SpiderPlugins.Core.Naming;
using static SpiderPlugins.Plugins.Tests.Integration.NodeBed;

namespace SpiderPlugins.Plugins.Tests.Integration;

/// <summary>eth0 + net1, each chained with veth: per-NIC policy table, default stays on eth0.</summary>
public class VethMultiNicTests
{
    [Fact]
    public void SecondNicGetsItsOwnTableAndRepliesStayOnIt()
    {
        using var bed = new NodeBed();
        bed.AddPodNic("p1", "eth0", "ens192", ["172.30.1.100/24"], GwA4);
        bed.AddPodNic("p1", "net1", "ens224", ["172.30.2.100/24"], GwB4, metric: 100);
        var pod = bed.PodNs("p1");
        bed.Ok("ADD", "c1", "p1", "eth0", bed.Config("p1", "eth0", ["172.30.1.100/24"]));
        bed.Ok("ADD", "c1", "p1", "net1", bed.Config("p1", "net1", ["172.30.2.100/24"]));

        Assert.Equal("default via 172.30.1.1 dev eth0", Kernel.Routes(pod)[0]);
        Assert.DoesNotContain("default via 172.30.2.1 dev net1", Kernel.Routes(pod));
        Assert.Equal(
        [
            "default via 172.30.2.1 dev net1 metric 100",
            "10.233.0.0/18 via 172.30.2.11 dev veth0",
            "10.233.64.0/18 via 172.30.2.11 dev veth0",
            "172.30.1.11 dev veth0 scope link",
            "172.30.2.0/24 dev net1 scope link",
            "172.30.2.11 dev veth0 scope link",
        ], Kernel.Routes(pod, "100"));
        Assert.Contains("1000: from 172.30.2.100 lookup 100", Kernel.Rules(pod).Select(r => r.Replace("/32", "", StringComparison.Ordinal)));
        var host = HostVethName.For("c1");
        Assert.Equal([$"172.30.1.100 dev {host} scope link", $"172.30.2.100 dev {host} scope link"], Kernel.Routes(bed.Node, "500").Order(StringComparer.Ordinal));

        // Node reaches both NICs' addresses (through the veth), and the client on net A reaches eth0 directly.
        Assert.True(Kernel.Ping(bed.Node, "172.30.2.100"));
        Assert.True(Kernel.Ping(bed.Node, "172.30.1.100"));
        Assert.True(Kernel.Ping(bed.Client, "172.30.1.100"));
        // A reply from net1's address leaves by net1's table: the route lookup from its source says so.
        var get = Ip.Json(pod, "route", "get", "8.8.8.8", "from", "172.30.2.100")[0];
        Assert.Equal("net1", get.GetProperty("dev").GetString());
        Assert.Equal("eth0", Ip.Json(pod, "route", "get", "8.8.8.8")[0].GetProperty("dev").GetString());

        bed.Ok("CHECK", "c1", "p1", "net1", bed.Config("p1", "net1", ["172.30.2.100/24"]));
        bed.Ok("ADD", "c1", "p1", "net1", bed.Config("p1", "net1", ["172.30.2.100/24"])); // re-ADD converges
        Assert.Single(Kernel.Rules(pod), r => r.Contains("lookup 100", StringComparison.Ordinal));
        bed.Ok("CHECK", "c1", "p1", "net1", bed.Config("p1", "net1", ["172.30.2.100/24"]));

        // DEL in reverse order removes the NIC's table and rules, then everything on the host.
        bed.Ok("DEL", "c1", "p1", "net1", bed.Config("p1", "net1", ["172.30.2.100/24"]));
        Assert.Empty(Kernel.Routes(pod, "100"));
        Assert.DoesNotContain(Kernel.Rules(pod), r => r.Contains("lookup 100", StringComparison.Ordinal));
        Assert.Equal([$"172.30.1.100 dev {host} scope link"], Kernel.Routes(bed.Node, "500"));
        bed.Ok("DEL", "c1", "p1", "eth0", bed.Config("p1", "eth0", ["172.30.1.100/24"]));
        Assert.Empty(Kernel.Routes(bed.Node, "500"));
        Assert.DoesNotContain(Kernel.LinkNames(bed.Node), n => n.StartsWith("veth", StringComparison.Ordinal));
    }
}
