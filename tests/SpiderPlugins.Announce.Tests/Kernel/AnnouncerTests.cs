using System.Net;
using SpiderPlugins.Announce.Tests.Infrastructure;
using SpiderPlugins.Core.Neighbors;

namespace SpiderPlugins.Announce.Tests.Kernel;

/// <summary>
/// A announces its addresses; B's kernel must replace a wrong cached MAC with A's. Each case seeds
/// B with an entry pointing elsewhere first, so only a received, accepted announcement can pass.
/// A REACHABLE entry is replaced only when the announcement claims override (NA Override flag,
/// or a gratuitous ARP), a STALE one by any valid announcement.
/// </summary>
public sealed class AnnouncerTests(VethPair link) : IClassFixture<VethPair>
{
    private const string WrongMac = "02:de:ad:00:00:01";

    [Theory]
    [InlineData("stale")]
    [InlineData("reachable")]
    public void Gratuitous_arp_overrides_b_neighbour_entry(string seededState)
    {
        // Unsolicited ARP only updates the cache when B accepts it.
        NetnsThread.Run(link.B, () => File.WriteAllText("/proc/sys/net/ipv4/conf/vb/arp_accept", "1"));
        Assert.Equal("1", NetnsThread.Run(link.B, () => File.ReadAllText("/proc/sys/net/ipv4/conf/vb/arp_accept").Trim()));
        SeedWrongEntry(VethPair.V4A, seededState);

        NetnsThread.Run(link.A, () => Announcer.Announce(link.IfindexA, VethPair.MacA.GetAddressBytes(), [VethPair.V4A]));

        WaitForMacInB(VethPair.V4A);
    }

    [Theory]
    [InlineData("stale")]
    [InlineData("reachable")]
    public void Unsolicited_neighbor_advertisement_overrides_b_neighbour_entry(string seededState)
    {
        SeedWrongEntry(VethPair.V6A, seededState);

        NetnsThread.Run(link.A, () => Announcer.Announce(link.IfindexA, VethPair.MacA.GetAddressBytes(), [VethPair.V6A]));

        WaitForMacInB(VethPair.V6A);
    }

    [Fact]
    public void Empty_address_list_sends_nothing_and_succeeds()
    {
        NetnsThread.Run(link.A, () => Announcer.Announce(link.IfindexA, VethPair.MacA.GetAddressBytes(), []));
    }

    [Fact]
    public void Unknown_interface_fails_with_errno()
    {
        var thrown = NetnsThread.Run(link.A, () => Record.Exception(() =>
            Announcer.Announce(9999, VethPair.MacA.GetAddressBytes(), [VethPair.V6A])));

        var error = Assert.IsType<NeighborDiscoveryException>(thrown);
        Assert.Equal(19, error.Errno);    // ENODEV
    }

    private void SeedWrongEntry(IPAddress ip, string state)
    {
        Ip.Run("-n", link.B, "neigh", "replace", ip.ToString(), "lladdr", WrongMac, "dev", "vb", "nud", state);
        Assert.Equal(WrongMac, link.NeighbourMacInB(ip));
    }

    private void WaitForMacInB(IPAddress ip)
    {
        var expected = VethPair.Text(VethPair.MacA);
        Ip.WaitUntil(() => link.NeighbourMacInB(ip) == expected, $"B's neighbour entry for {ip} to become {expected}");
    }
}
