using SpiderPlugins.Core.Naming;
using static SpiderPlugins.Plugins.Tests.Integration.NodeBed;

namespace SpiderPlugins.Plugins.Tests.Integration;

/// <summary>ADD of the first interface against the real kernel, in spt- namespaces, through the shipped binary.</summary>
public class VethAddTests
{
    private static readonly string[] Dual = ["172.30.1.100/24", "fd00:30:1::100/64"];

    [Fact]
    public void DualStackPodGetsExactRoutesNeighboursRulesAndReachesTheNode()
    {
        using var bed = new NodeBed();
        bed.AddPodNic("p1", "eth0", "ens192", Dual, GwA4, GwA6);
        var add = bed.Ok("ADD", "c1", "p1", "eth0", bed.Config("p1", "eth0", Dual));

        // prevResult passes through unchanged, in the config's version.
        var expected = "{\"cniVersion\":\"1.0.0\",\"interfaces\":[{\"name\":\"eth0\",\"mac\":\"02:00:00:00:00:01\",\"sandbox\":\"/var/run/netns/" + bed.PodNs("p1")
            + "\"}],\"ips\":[{\"interface\":0,\"address\":\"172.30.1.100/24\"},{\"interface\":0,\"address\":\"fd00:30:1::100/64\"}]}";
        Assert.Equal(expected, add.Stdout);

        var pod = bed.PodNs("p1");
        var host = HostVethName.For("c1");
        Assert.Equal(
        [
            "default via 172.30.1.1 dev eth0",
            "10.233.0.0/18 via 172.30.1.11 dev veth0",
            "10.233.64.0/18 via 172.30.1.11 dev veth0",
            "172.30.1.0/24 dev eth0 scope link",
            "172.30.1.11 dev veth0 scope link",
            "172.30.2.11 dev veth0 scope link",
        ], Kernel.Routes(pod));
        Assert.Equal(
        [
            "default via fd00:30:1::1 dev eth0",
            "fd00:233:64::/112 via fd00:30:1::11 dev veth0",
            "fd00:233::/112 via fd00:30:1::11 dev veth0",
            "fd00:30:1::/64 dev eth0",
            "fd00:30:1::11 dev veth0",
            "fd00:30:2::11 dev veth0",
        ], Kernel.Routes(pod, v6: true).Order(StringComparer.Ordinal));

        var hostMac = Kernel.Mac(bed.Node, host);
        var podMac = Kernel.Mac(pod, "veth0");
        Assert.Equal(
        [
            $"172.30.1.11 dev veth0 lladdr {hostMac}",
            $"172.30.2.11 dev veth0 lladdr {hostMac}",
            $"fd00:30:1::11 dev veth0 lladdr {hostMac}",
            $"fd00:30:2::11 dev veth0 lladdr {hostMac}",
        ], Kernel.PermanentNeighbours(pod));
        Assert.Equal(
        [
            $"172.30.1.100 dev {host} lladdr {podMac}",
            $"fd00:30:1::100 dev {host} lladdr {podMac}",
        ], Kernel.PermanentNeighbours(bed.Node));
        Assert.Equal([$"172.30.1.100 dev {host} scope link"], Kernel.Routes(bed.Node, "500"));
        Assert.Equal([$"fd00:30:1::100 dev {host}"], Kernel.Routes(bed.Node, "500", v6: true));
        Assert.Contains("1000: from all lookup 500", Kernel.Rules(bed.Node));
        Assert.Contains("1000: from all lookup 500", Kernel.Rules(bed.Node, v6: true));

        // Locally administered MACs, set explicitly on both ends; the host end never takes RAs.
        Assert.Equal(0x02, Convert.ToByte(hostMac[..2], 16) & 0x03);
        Assert.Equal(0x02, Convert.ToByte(podMac[..2], 16) & 0x03);
        Assert.Equal("0", Kernel.Sysctl(bed.Node, $"ipv6/conf/{host}/accept_ra"));
        Assert.Equal("0", Kernel.Sysctl(pod, "ipv4/conf/all/rp_filter"));
        Assert.Equal("0", Kernel.Sysctl(pod, "ipv4/conf/eth0/rp_filter"));
        Assert.Equal("0", Kernel.Sysctl(pod, "ipv4/conf/veth0/rp_filter"));
        Assert.Equal("0", Kernel.Sysctl(pod, "ipv6/conf/all/disable_ipv6"));
        // veth0 carries no global address.
        Assert.DoesNotContain(Ip.Json(pod, "addr", "show", "dev", "veth0")[0].GetProperty("addr_info").EnumerateArray(),
            a => a.GetProperty("scope").GetString() == "global");

        // Real reachability both ways, both families: node <-> pod through the veth pair.
        Assert.True(Kernel.Ping(pod, NodeA4));
        Assert.True(Kernel.Ping(pod, NodeA6));
        Assert.True(Kernel.Ping(pod, NodeB4));
        Assert.True(Kernel.Ping(bed.Node, "172.30.1.100"));
        Assert.True(Kernel.Ping(bed.Node, "fd00:30:1::100"));
    }

    [Fact]
    public void RepeatedAddConvergesToTheSameState()
    {
        using var bed = new NodeBed();
        bed.AddPodNic("p1", "eth0", "ens192", Dual, GwA4, GwA6);
        var config = bed.Config("p1", "eth0", Dual);
        bed.Ok("ADD", "c1", "p1", "eth0", config);
        var pod = bed.PodNs("p1");
        string[] Snapshot() => [.. Kernel.Routes(pod), .. Kernel.Routes(pod, v6: true), .. Kernel.PermanentNeighbours(pod),
            .. Kernel.PermanentNeighbours(bed.Node), .. Kernel.Rules(bed.Node), .. Kernel.Routes(bed.Node, "500"), .. Kernel.LinkNames(bed.Node)];
        var before = Snapshot();
        bed.Ok("ADD", "c1", "p1", "eth0", config);
        Assert.Equal(before, Snapshot());
        bed.Ok("CHECK", "c1", "p1", "eth0", config);
    }

    [Fact]
    public void IPv6OnlyPod()
    {
        using var bed = new NodeBed();
        string[] v6 = ["fd00:30:1::100/64"];
        bed.AddPodNic("p1", "eth0", "ens192", v6, gw6: GwA6);
        bed.Ok("ADD", "c1", "p1", "eth0", bed.Config("p1", "eth0", v6));
        var pod = bed.PodNs("p1");
        Assert.DoesNotContain(Kernel.Routes(pod), r => r.Contains("veth0", StringComparison.Ordinal));
        Assert.Contains("fd00:233::/112 via fd00:30:1::11 dev veth0", Kernel.Routes(pod, v6: true));
        Assert.DoesNotContain("1000: from all lookup 500", Kernel.Rules(bed.Node));
        Assert.Contains("1000: from all lookup 500", Kernel.Rules(bed.Node, v6: true));
        Assert.True(Kernel.Ping(pod, NodeA6));
        Assert.True(Kernel.Ping(bed.Node, "fd00:30:1::100"));
    }

    [Fact]
    public void SlaacAddressNotInPrevResultStillMakesThePodDualStack()
    {
        using var bed = new NodeBed();
        bed.AddPodNic("p1", "eth0", "ens192", Dual, GwA4, GwA6);
        // prevResult lists only the IPv4 address, as when IPv6 comes from SLAAC.
        bed.Ok("ADD", "c1", "p1", "eth0", bed.Config("p1", "eth0", ["172.30.1.100/24"]));
        Assert.Equal([$"fd00:30:1::100 dev {HostVethName.For("c1")}"], Kernel.Routes(bed.Node, "500", v6: true));
    }

    [Fact]
    public void MacPrefixRewritesTheMacReportsItAndPeersFollow()
    {
        using var bed = new NodeBed();
        bed.AddPodNic("p1", "eth0", "ens192", Dual, GwA4, GwA6);
        var pod = bed.PodNs("p1");
        // The external client has the pod's IP cached with the macvlan's old MAC, and accepts gratuitous ARP.
        Ip.InNs(bed.Client, "sysctl", "-qw", "net.ipv4.conf.eth0.arp_accept=1");
        Ip.Ns(bed.Client, "neigh", "replace", "172.30.1.100", "lladdr", Kernel.Mac(pod, "eth0"), "dev", "eth0", "nud", "stale");
        Ip.Ns(bed.Client, "neigh", "replace", "fd00:30:1::100", "lladdr", Kernel.Mac(pod, "eth0"), "dev", "eth0", "nud", "stale");

        var add = bed.Ok("ADD", "c1", "p1", "eth0", bed.Config("p1", "eth0", Dual, ",\"hardware_prefix\":\"0a:1b\""));
        Assert.Equal("0a:1b:ac:1e:01:64", Kernel.Mac(pod, "eth0"));
        Assert.Contains("\"mac\":\"0a:1b:ac:1e:01:64\"", add.Stdout, StringComparison.Ordinal);
        Assert.True(Ip.Eventually(() => ClientSees("172.30.1.100") == "0a:1b:ac:1e:01:64"), "IPv4 neighbour not updated by GARP");
        Assert.True(Ip.Eventually(() => ClientSees("fd00:30:1::100") == "0a:1b:ac:1e:01:64"), "IPv6 neighbour not updated by unsolicited NA");
        bed.Ok("CHECK", "c1", "p1", "eth0", bed.Config("p1", "eth0", Dual, ",\"hardware_prefix\":\"0a:1b\""));

        string? ClientSees(string ip)
        {
            foreach (var n in Ip.Json(bed.Client, "neigh", "show", "dev", "eth0").EnumerateArray())
            {
                if (n.GetProperty("dst").GetString() == ip && n.TryGetProperty("lladdr", out var mac))
                {
                    return mac.GetString();
                }
            }

            return null;
        }
    }

    [Fact]
    public void OnlyMacModeChangesNothingElse()
    {
        using var bed = new NodeBed();
        bed.AddPodNic("p1", "eth0", "ens192", Dual, GwA4, GwA6);
        bed.Ok("ADD", "c1", "p1", "eth0", bed.Config("p1", "eth0", Dual, ",\"mac_prefix\":\"0a:1b\",\"only_op_mac\":true"));
        Assert.Equal("0a:1b:ac:1e:01:64", Kernel.Mac(bed.PodNs("p1"), "eth0"));
        Assert.Null(Kernel.Link(bed.PodNs("p1"), "veth0"));
        Assert.Empty(Kernel.Routes(bed.Node, "500"));
    }

    [Fact]
    public void IpConflictFailsTheAddNamingIpAndMacAndConfiguresNothing()
    {
        using var bed = new NodeBed();
        Ip.Ns(bed.Client, "addr", "add", "172.30.1.100/24", "dev", "eth0");
        bed.AddPodNic("p1", "eth0", "ens192", ["172.30.1.100/24"], GwA4);
        var o = bed.Cni("ADD", "c1", "p1", "eth0", bed.Config("p1", "eth0", ["172.30.1.100/24"], ",\"ip_conflict\":{\"enabled\":true,\"interval\":\"50ms\",\"retries\":3}"));
        Assert.Equal(1, o.ExitCode);
        Assert.Contains("\"code\":100", o.Stdout, StringComparison.Ordinal);
        Assert.Contains($"172.30.1.100 on eth0 is already used by {Kernel.Mac(bed.Client, "eth0")}", o.Stdout, StringComparison.Ordinal);
        Assert.Null(Kernel.Link(bed.PodNs("p1"), "veth0"));
        Assert.DoesNotContain(Kernel.LinkNames(bed.Node), n => n.StartsWith("veth", StringComparison.Ordinal));
    }

    [Fact]
    public void IpConflictCheckPassesOnSilenceInBothFamilies()
    {
        using var bed = new NodeBed();
        bed.AddPodNic("p1", "eth0", "ens192", Dual, GwA4, GwA6);
        bed.Ok("ADD", "c1", "p1", "eth0", bed.Config("p1", "eth0", Dual, ",\"ip_conflict\":{\"enabled\":true,\"interval\":\"20ms\",\"retries\":2}"));
        Assert.NotNull(Kernel.Link(bed.PodNs("p1"), "veth0"));
    }

    [Theory]
    [InlineData(",\"cluster_cidr\":[\"10.0.0.0/99\"]", 7, "invalid cluster_cidr[0]: \\\"10.0.0.0/99\\\"")]
    [InlineData(",\"hardware_prefix\":\"01:00\"", 7, "invalid hardware_prefix: \\\"01:00\\\"")]
    [InlineData(",\"host_rule_table\":255", 7, "invalid host_rule_table")]
    public void BadConfigIsRejectedAndLeavesNothing(string extra, int code, string message)
    {
        using var bed = new NodeBed();
        bed.AddPodNic("p1", "eth0", "ens192", Dual, GwA4, GwA6);
        var config = bed.Config("p1", "eth0", Dual).Replace("\"cluster_cidr\":[\"10.233.64.0/18\",\"fd00:233:64::/112\"],", "", StringComparison.Ordinal)
            .Replace("\"state_dir\"", extra[1..] + ",\"state_dir\"", StringComparison.Ordinal);
        var o = bed.Cni("ADD", "c1", "p1", "eth0", config);
        Assert.Equal(1, o.ExitCode);
        Assert.Contains($"\"code\":{code}", o.Stdout, StringComparison.Ordinal);
        Assert.Contains(message, o.Stdout, StringComparison.Ordinal);
        Assert.Null(Kernel.Link(bed.PodNs("p1"), "veth0"));
        Assert.DoesNotContain(Kernel.LinkNames(bed.Node), n => n.StartsWith("veth", StringComparison.Ordinal));
        Assert.DoesNotContain("1000: from all lookup 500", Kernel.Rules(bed.Node));
    }

    [Fact]
    public void AddWithoutPrevResultIsRejected()
    {
        using var bed = new NodeBed();
        bed.AddPodNic("p1", "eth0", "ens192", Dual, GwA4, GwA6);
        var o = bed.Cni("ADD", "c1", "p1", "eth0", bed.Config("p1", "eth0", Dual, withPrevResult: false));
        Assert.Equal(1, o.ExitCode);
        Assert.Contains("prevResult is missing", o.Stdout, StringComparison.Ordinal);
        Assert.Null(Kernel.Link(bed.PodNs("p1"), "veth0"));
    }

    [Fact]
    public void CniPluginsDialectOn031ReportsVethAndSetsLooseRpFilterOnTheHostVethOnly()
    {
        using var bed = new NodeBed();
        bed.AddPodNic("p1", "eth0", "ens192", Dual, GwA4, GwA6);
        var before = Kernel.Sysctl(bed.Node, "ipv4/conf/all/rp_filter");
        var config = bed.Config("p1", "eth0", Dual, ",\"overlay_hijack_subnet\":[\"10.244.0.0/16\"],\"report_veth\":true", version: "0.3.1");
        var add = bed.Ok("ADD", "c1", "p1", "eth0", config);
        var podMac = Kernel.Mac(bed.PodNs("p1"), "veth0");
        Assert.Equal("{\"cniVersion\":\"0.3.1\",\"interfaces\":[{\"name\":\"eth0\",\"mac\":\"02:00:00:00:00:01\",\"sandbox\":\"" + bed.NetnsPath("p1")
            + "\"},{\"name\":\"veth0\",\"mac\":\"" + podMac + "\",\"sandbox\":\"" + bed.NetnsPath("p1") + "\"}],\"ips\":[{\"version\":\"4\",\"interface\":0,\"address\":\"172.30.1.100/24\"},{\"version\":\"6\",\"interface\":0,\"address\":\"fd00:30:1::100/64\"}]}", add.Stdout);
        Assert.Equal("2", Kernel.Sysctl(bed.Node, $"ipv4/conf/{HostVethName.For("c1")}/rp_filter"));
        Assert.Equal(before, Kernel.Sysctl(bed.Node, "ipv4/conf/all/rp_filter"));
        Assert.Equal("2", Kernel.Sysctl(bed.PodNs("p1"), "ipv4/conf/all/rp_filter"));
        Assert.Contains("10.244.0.0/16 via 172.30.1.11 dev veth0", Kernel.Routes(bed.PodNs("p1")));
    }
}
