using System.Net;
using System.Net.Sockets;
using SpiderPlugins.Netlink.Objects;

namespace SpiderPlugins.Netlink.Tests.Integration;

public sealed class NeighborTests : TwoNamespaces
{
    private static readonly byte[] Mac1 = [0x02, 0, 0, 0, 0, 0x09];
    private static readonly byte[] Mac2 = [0x02, 0, 0, 0, 0, 0x0a];

    [Fact]
    public void Permanent_v4_and_v6_entries_set_replace_list_delete()
    {
        NlA.CreateBridge("br0");
        int br = NlA.GetLink("br0")!.Index;
        var n4 = new Neighbor { Index = Va, Ip = IPAddress.Parse("10.1.0.9"), Mac = Mac1, State = Neighbor.NudPermanent };
        var n6 = new Neighbor { Index = Va, Ip = IPAddress.Parse("fd00::9"), Mac = Mac1, State = Neighbor.NudPermanent };
        var other = new Neighbor { Index = br, Ip = IPAddress.Parse("10.3.0.9"), Mac = Mac2, State = Neighbor.NudPermanent };

        NlA.SetNeighbor(n4);
        NlA.SetNeighbor(n6);
        NlA.SetNeighbor(other);

        var shown = Ip.Json(A, "neigh", "show", "dev", "va").EnumerateArray().Where(n => n.Strings("state").Contains("PERMANENT")).ToList();
        Assert.Equal(["10.1.0.9", "fd00::9"], shown.Select(n => n.Str("dst")!).Order(StringComparer.Ordinal).ToArray());
        Assert.All(shown, n => Assert.Equal("02:00:00:00:00:09", n.Str("lladdr")));

        Assert.Equal(n4, Assert.Single(NlA.ListNeighbors(Va, AddressFamily.InterNetwork)), NeighborEq);
        Assert.Equal(n6, Assert.Single(NlA.ListNeighbors(Va, AddressFamily.InterNetworkV6), n => n.State == Neighbor.NudPermanent), NeighborEq);
        Assert.DoesNotContain(NlA.ListNeighbors(Va), n => n.Index != Va);
        Assert.Contains(NlA.ListNeighbors(), n => n.Index == br && n.Ip.Equals(other.Ip));
        Assert.DoesNotContain(NlA.ListNeighbors(family: AddressFamily.InterNetworkV6), n => n.Ip.AddressFamily != AddressFamily.InterNetworkV6);

        NlA.SetNeighbor(n4 with { Mac = Mac2 });
        Assert.Equal("02:00:00:00:00:0a", Single(Ip.Json(A, "-4", "neigh", "show", "dev", "va"), "neighbour").Str("lladdr"));

        NlA.DeleteNeighbor(n4);
        NlA.DeleteNeighbor(n6);
        Assert.Empty(Ip.Json(A, "-4", "neigh", "show", "dev", "va").EnumerateArray());
        Assert.Empty(NlA.ListNeighbors(Va, AddressFamily.InterNetwork));
        var absent = Assert.Throws<NetlinkException>(() => NlA.DeleteNeighbor(n4));
        Assert.True(absent.IsNotFound);
        Assert.Equal(2, absent.Errno);
    }

    private static readonly IEqualityComparer<Neighbor> NeighborEq = EqualityComparer<Neighbor>.Create(
        (x, y) => x!.Index == y!.Index && x.Ip.Equals(y.Ip) && x.State == y.State && x.Mac.AsSpan().SequenceEqual(y.Mac),
        n => n.Ip.GetHashCode());
}
