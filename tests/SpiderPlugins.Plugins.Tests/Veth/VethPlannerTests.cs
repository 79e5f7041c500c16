using System.Net;
using SpiderPlugins.Netlink.Objects;
using SpiderPlugins.Plugins.Veth;
using static SpiderPlugins.Plugins.Tests.Veth.PlannerFixtures;

namespace SpiderPlugins.Plugins.Tests.Veth;

public class VethPlannerTests
{
    private const string H = HostVeth;

    [Fact]
    public void SingleNicIPv4()
    {
        var facts = new VethFacts
        {
            Interface = Nic("eth0", 2),
            Addresses = [Addr(2, "172.31.1.100/24")],
            Primary = true,
            NodeIps = Ips("172.31.1.11", "172.32.1.11"),
        };
        var plan = VethPlanner.Plan(Cfg("10.233.64.0/18", "10.233.0.0/18"), facts, "eth0", H);
        Assert.Equal(
        [
            "pod sysctl net/ipv4/conf/all/rp_filter = 0",
            "pod sysctl net/ipv4/conf/default/rp_filter = 0",
            "pod sysctl net/ipv4/conf/eth0/rp_filter = 0",
            $"veth pair veth0 (pod) <-> {H} (host)",
            "pod sysctl net/ipv4/conf/veth0/rp_filter = 0",
            $"host sysctl net/ipv6/conf/{H}/accept_ra = 0",
            $"host link {H} up",
            "pod link veth0 up",
            "pod route 172.31.1.11/32 dev veth0 scope link src 172.31.1.100 table main",
            "pod route 172.32.1.11/32 dev veth0 scope link src 172.31.1.100 table main",
            "pod route 10.233.64.0/18 via 172.31.1.11 dev veth0 src 172.31.1.100 table main",
            "pod route 10.233.0.0/18 via 172.31.1.11 dev veth0 src 172.31.1.100 table main",
            $"pod neighbour 172.31.1.11 dev veth0 lladdr <{H}'s MAC> PERMANENT",
            $"pod neighbour 172.32.1.11 dev veth0 lladdr <{H}'s MAC> PERMANENT",
            "host rule 1000: from all lookup 500",
            $"host route 172.31.1.100/32 dev {H} scope link table 500",
            $"host neighbour 172.31.1.100 dev {H} lladdr <veth0's MAC> PERMANENT",
        ], Lines(plan));
        Assert.Null(plan.NicTable);
        Assert.Equal(Ips("172.31.1.100"), plan.PodIps);
    }

    [Fact]
    public void SingleNicIPv6EnablesIPv6FirstAndUsesNoSource()
    {
        var facts = new VethFacts
        {
            Interface = Nic("eth0", 2),
            Addresses = [Addr(2, "fd00:31:1::100/64")],
            Primary = true,
            NodeIps = Ips("172.31.1.11", "fd00:31:1::11"),
        };
        var plan = VethPlanner.Plan(Cfg("10.233.64.0/18", "fd00:233:64::/112", "fd00:233::/112"), facts, "eth0", H);
        Assert.Equal(
        [
            "pod sysctl net/ipv6/conf/all/disable_ipv6 = 0",
            "pod sysctl net/ipv6/conf/default/disable_ipv6 = 0",
            "pod sysctl net/ipv6/conf/eth0/disable_ipv6 = 0",
            "pod sysctl net/ipv4/conf/all/rp_filter = 0",
            "pod sysctl net/ipv4/conf/default/rp_filter = 0",
            "pod sysctl net/ipv4/conf/eth0/rp_filter = 0",
            $"veth pair veth0 (pod) <-> {H} (host)",
            "pod sysctl net/ipv6/conf/veth0/disable_ipv6 = 0",
            "pod sysctl net/ipv4/conf/veth0/rp_filter = 0",
            $"host sysctl net/ipv6/conf/{H}/accept_ra = 0",
            $"host link {H} up",
            "pod link veth0 up",
            "pod route fd00:31:1::11/128 dev veth0 scope link table main",
            "pod route fd00:233:64::/112 via fd00:31:1::11 dev veth0 table main",
            "pod route fd00:233::/112 via fd00:31:1::11 dev veth0 table main",
            $"pod neighbour fd00:31:1::11 dev veth0 lladdr <{H}'s MAC> PERMANENT",
            "host rule 1000: (v6) from all lookup 500",
            $"host route fd00:31:1::100/128 dev {H} scope link table 500",
            $"host neighbour fd00:31:1::100 dev {H} lladdr <veth0's MAC> PERMANENT",
        ], Lines(plan));
    }

    [Fact]
    public void DualStackRoutesEachFamilyViaItsOwnNodeIp()
    {
        var facts = new VethFacts
        {
            Interface = Nic("eth0", 2),
            Addresses = [Addr(2, "172.31.1.100/24"), Addr(2, "fd00:31:1::100/64")],
            Primary = true,
            NodeIps = Ips("172.31.1.11", "fd00:31:1::11"),
        };
        var lines = Lines(VethPlanner.Plan(Cfg("10.233.0.0/18", "fd00:233::/112"), facts, "eth0", H));
        Assert.Contains("pod route 10.233.0.0/18 via 172.31.1.11 dev veth0 src 172.31.1.100 table main", lines);
        Assert.Contains("pod route fd00:233::/112 via fd00:31:1::11 dev veth0 table main", lines);
        Assert.Contains("host rule 1000: from all lookup 500", lines);
        Assert.Contains("host rule 1000: (v6) from all lookup 500", lines);
        Assert.Contains($"host route 172.31.1.100/32 dev {H} scope link table 500", lines);
        Assert.Contains($"host route fd00:31:1::100/128 dev {H} scope link table 500", lines);
        Assert.True(Array.IndexOf(lines, "pod sysctl net/ipv6/conf/all/disable_ipv6 = 0") < Array.IndexOf(lines, "pod route fd00:31:1::11/128 dev veth0 scope link table main"));
    }

    [Fact]
    public void SingleStackPodSkipsOtherFamilyOfDualStackCluster()
    {
        var facts = new VethFacts
        {
            Interface = Nic("eth0", 2),
            Addresses = [Addr(2, "172.31.1.100/24")],
            Primary = true,
            NodeIps = Ips("172.31.1.11", "fd00:31:1::11"),
        };
        var lines = Lines(VethPlanner.Plan(Cfg("10.233.0.0/18", "fd00:233::/112"), facts, "eth0", H));
        Assert.DoesNotContain(lines, l => l.Contains("fd00", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("disable_ipv6", StringComparison.Ordinal));
    }

    [Fact]
    public void SecondNicMovesItsDefaultAndCopiesItsRoutesToTable100()
    {
        var net1 = Nic("net1", 3);
        var facts = new VethFacts
        {
            Interface = net1,
            Addresses = [Addr(3, "172.32.1.100/24")],
            Primary = false,
            NodeIps = Ips("172.32.1.11", "172.31.1.11"),
            PodRoutes =
            [
                Default("172.31.1.1", 2),
                Subnet("172.31.1.0/24", 2, "172.31.1.100"),
                Default("172.32.1.1", 3) with { Metric = 10 },
                Subnet("172.32.1.0/24", 3, "172.32.1.100"),
            ],
        };
        var plan = VethPlanner.Plan(Cfg("10.233.0.0/18"), facts, "net1", H);
        Assert.Equal(100u, plan.NicTable);
        Assert.Equal(
        [
            "pod sysctl net/ipv4/conf/all/rp_filter = 0",
            "pod sysctl net/ipv4/conf/default/rp_filter = 0",
            "pod sysctl net/ipv4/conf/net1/rp_filter = 0",
            "pod route 172.32.1.11/32 dev veth0 scope link src 172.32.1.100 table 100",
            "pod route 172.31.1.11/32 dev veth0 scope link src 172.32.1.100 table 100",
            "pod route 10.233.0.0/18 via 172.32.1.11 dev veth0 src 172.32.1.100 table 100",
            $"pod neighbour 172.32.1.11 dev veth0 lladdr <{H}'s MAC> PERMANENT",
            $"pod neighbour 172.31.1.11 dev veth0 lladdr <{H}'s MAC> PERMANENT",
            "pod route default via 172.32.1.1 dev net1 table 100",
            "pod route default via 172.32.1.1 dev net1 table main absent",
            "pod route 172.32.1.0/24 dev net1 scope link src 172.32.1.100 table 100",
            "pod rule 1000: from 172.32.1.100/32 lookup 100",
            "host rule 1000: from all lookup 500",
            $"host route 172.32.1.100/32 dev {H} scope link table 500",
            $"host neighbour 172.32.1.100 dev {H} lladdr <veth0's MAC> PERMANENT",
        ], Lines(plan));
        var moved = plan.Objects.OfType<SpiderPlugins.Core.Model.RouteObject>().Single(r => r.Route.Dst is null);
        Assert.Equal(10u, moved.Route.Metric);
    }

    [Fact]
    public void ThirdNicGetsItsOwnTableAndPriority()
    {
        var facts = new VethFacts
        {
            Interface = Nic("net2", 4),
            Addresses = [Addr(4, "172.33.1.100/24")],
            Primary = false,
            NodeIps = Ips("172.31.1.11"),
            PodRoutes = [Default("172.33.1.1", 4)],
            PodRules = [new Rule { Family = V4, Src = IPNetwork.Parse("172.32.1.100/32"), Table = 100, Priority = 1000 }],
        };
        var plan = VethPlanner.Plan(Cfg(), facts, "net2", H);
        Assert.Equal(101u, plan.NicTable);
        Assert.Contains("pod rule 1001: from 172.33.1.100/32 lookup 101", Lines(plan));
        Assert.Contains("pod route default via 172.33.1.1 dev net4 table 101".Replace("net4", "net2", StringComparison.Ordinal), Lines(plan));
    }

    [Fact]
    public void ReAddKeepsTheTableItsRulesAlreadySelect()
    {
        var facts = new VethFacts
        {
            Interface = Nic("net1", 3),
            Addresses = [Addr(3, "172.32.1.100/24")],
            Primary = false,
            NodeIps = Ips("172.32.1.11"),
            PodRoutes = [Default("172.32.1.1", 3, table: 107)],
            PodRules = [new Rule { Family = V4, Src = IPNetwork.Parse("172.32.1.100/32"), Table = 107, Priority = 1007 }],
        };
        var plan = VethPlanner.Plan(Cfg(), facts, "net1", H);
        Assert.Equal(107u, plan.NicTable);
        var lines = Lines(plan);
        Assert.Contains("pod route default via 172.32.1.1 dev net1 table 107", lines);
        Assert.DoesNotContain(lines, l => l.EndsWith("absent", StringComparison.Ordinal));
    }

    [Fact]
    public void TableOfNetNIsSkippedWhenAnotherNicUsesIt()
    {
        var facts = new VethFacts
        {
            Interface = Nic("net1", 3),
            Addresses = [Addr(3, "172.32.1.100/24")],
            Primary = false,
            NodeIps = [],
            PodRules = [new Rule { Family = V4, Src = IPNetwork.Parse("192.168.9.9/32"), Table = 100 }],
        };
        Assert.Equal(101u, VethPlanner.Plan(Cfg(), facts, "net1", H).NicTable);
        Assert.Equal(101u, VethPlanner.Plan(Cfg(), facts with { Interface = Nic("storage", 3) }, "storage", H).NicTable);
    }

    [Fact]
    public void IPv6MultipathDefaultMovesOnlyThisNicsNexthop()
    {
        var mp = new Route
        {
            Family = System.Net.Sockets.AddressFamily.InterNetworkV6,
            Table = 254,
            Metric = 1024,
            MultiPath = [new NextHop(2, IPAddress.Parse("fd00:31:1::1")), new NextHop(3, IPAddress.Parse("fd00:32:1::1"))],
        };
        var facts = new VethFacts
        {
            Interface = Nic("net1", 3),
            Addresses = [Addr(3, "fd00:32:1::100/64")],
            Primary = false,
            NodeIps = Ips("fd00:32:1::11"),
            PodRoutes = [mp, Subnet("fd00:32:1::/64", 3), Subnet("fe80::/64", 3)],
        };
        var lines = Lines(VethPlanner.Plan(Cfg(), facts, "net1", H));
        Assert.Contains("pod route default(v6) via fd00:32:1::1 dev net1 table 100", lines);
        Assert.Contains("pod route default(v6) via fd00:32:1::1 dev net1 table main absent", lines);
        Assert.Contains("pod route fd00:32:1::/64 dev net1 scope link table 100", lines);
        Assert.DoesNotContain(lines, l => l.Contains("fd00:31:1::1", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("fe80", StringComparison.Ordinal));
    }

    [Fact]
    public void MoveRoutesNeverLeavesMainAlone()
    {
        var facts = new VethFacts
        {
            Interface = Nic("net1", 3),
            Addresses = [Addr(3, "172.32.1.100/24")],
            Primary = false,
            NodeIps = Ips("172.32.1.11"),
            PodRoutes = [Default("172.32.1.1", 3)],
        };
        var plan = VethPlanner.Plan(Cfg() with { MoveRoutes = false }, facts, "net1", H);
        Assert.Null(plan.NicTable);
        var lines = Lines(plan);
        Assert.DoesNotContain(lines, l => l.Contains("pod rule", StringComparison.Ordinal) || l.Contains("pod route", StringComparison.Ordinal));
        Assert.Contains($"host route 172.32.1.100/32 dev {H} scope link table 500", lines);
    }

    [Fact]
    public void VethMtuDefaultsToTheInterfaceMtu()
    {
        var facts = new VethFacts { Interface = Nic("eth0", 2, mtu: 9000), Addresses = [Addr(2, "10.0.0.5/24")], Primary = true, NodeIps = [] };
        var veth = VethPlanner.Plan(Cfg(), facts, "eth0", H).Objects.OfType<SpiderPlugins.Core.Model.VethPairObject>().Single();
        Assert.Equal(9000, veth.Mtu);
        var configured = VethPlanner.Plan(Cfg() with { VethMtu = 1400 }, facts, "eth0", H).Objects.OfType<SpiderPlugins.Core.Model.VethPairObject>().Single();
        Assert.Equal(1400, configured.Mtu);
    }

    [Fact]
    public void NoAddressIsAPlanError()
    {
        var facts = new VethFacts { Interface = Nic("eth0", 2), Addresses = [], Primary = true, NodeIps = [] };
        var e = Assert.Throws<PlanException>(() => VethPlanner.Plan(Cfg(), facts, "eth0", H));
        Assert.Contains("no usable IP addresses on eth0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CustomHostTable()
    {
        var facts = new VethFacts { Interface = Nic("eth0", 2), Addresses = [Addr(2, "10.0.0.5/24")], Primary = true, NodeIps = [] };
        var lines = Lines(VethPlanner.Plan(Cfg() with { HostTable = 777 }, facts, "eth0", H));
        Assert.Contains("host rule 1000: from all lookup 777", lines);
        Assert.Contains($"host route 10.0.0.5/32 dev {H} scope link table 777", lines);
    }
}
