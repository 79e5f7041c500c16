using System.Net;
using System.Net.Sockets;
using SpiderPlugins.Netlink.Objects;

namespace SpiderPlugins.Netlink.Tests.Integration;

public sealed class RouteTests : TwoNamespaces
{
    private static readonly IPAddress Gw4 = IPAddress.Parse("10.1.0.254");
    private static readonly IPAddress Gw6 = IPAddress.Parse("fd00::fe");

    public RouteTests()
    {
        NlA.AddAddress(Va, IPAddress.Parse("10.1.0.1"), 24);
        NlA.AddAddress(Va, IPAddress.Parse("fd00::1"), 64, noDad: true);
    }

    [Fact]
    public void V4_route_in_main_with_gateway_metric_and_protocol()
    {
        NlA.AddRoute(new Route
        {
            Family = AddressFamily.InterNetwork,
            Dst = IPNetwork.Parse("10.20.0.0/16"),
            Gateway = Gw4,
            OutIndex = Va,
            Metric = 100,
            Protocol = 4,
        });

        var r = Single(Ip.Json(A, "route", "show", "10.20.0.0/16"), "route");
        Assert.Equal("10.1.0.254", r.Str("gateway"));
        Assert.Equal("va", r.Str("dev"));
        Assert.Equal(100, r.Int("metric"));
        Assert.Equal("static", r.Str("protocol"));

        var mine = Assert.Single(NlA.ListRoutes(AddressFamily.InterNetwork, 254), x => x.Dst == IPNetwork.Parse("10.20.0.0/16"));
        Assert.Equal(Gw4, mine.Gateway);
        Assert.Equal(Va, mine.OutIndex);
        Assert.Equal(100u, mine.Metric);
        Assert.Equal((byte)4, mine.Protocol);
        Assert.Equal(254u, mine.Table);
        Assert.Null(mine.MultiPath);
    }

    [Fact]
    public void Routes_in_table_500_v4_and_v6_including_defaults()
    {
        var routes = new[]
        {
            new Route { Family = AddressFamily.InterNetwork, Dst = IPNetwork.Parse("10.30.0.0/16"), OutIndex = Va, Table = 500, Scope = 253 },
            new Route { Family = AddressFamily.InterNetwork, Gateway = Gw4, OutIndex = Va, Table = 500 },
            new Route { Family = AddressFamily.InterNetworkV6, Dst = IPNetwork.Parse("fd30::/64"), Gateway = Gw6, OutIndex = Va, Table = 500 },
            new Route { Family = AddressFamily.InterNetworkV6, Gateway = Gw6, OutIndex = Va, Table = 500 },
        };
        foreach (var r in routes)
            NlA.AddRoute(r);

        var ip4 = Ip.Json(A, "-4", "route", "show", "table", "500");
        Assert.Equal(["10.30.0.0/16", "default"], ip4.EnumerateArray().Select(r => r.Str("dst")!).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal("link", ip4.EnumerateArray().Single(r => r.Str("dst") == "10.30.0.0/16").Str("scope"));
        var ip6 = Ip.Json(A, "-6", "route", "show", "table", "500");
        Assert.Equal(["default", "fd30::/64"], ip6.EnumerateArray().Select(r => r.Str("dst")!).Order(StringComparer.Ordinal).ToArray());
        Assert.All(ip6.EnumerateArray(), r => Assert.Equal("fd00::fe", r.Str("gateway")));

        var mine4 = NlA.ListRoutes(AddressFamily.InterNetwork, 500);
        Assert.Equal(2, mine4.Count);
        Assert.All(mine4, r => Assert.Equal(500u, r.Table));
        var def4 = Assert.Single(mine4, r => r.Dst is null);
        Assert.Equal(Gw4, def4.Gateway);
        Assert.Equal((byte)253, Assert.Single(mine4, r => r.Dst is not null).Scope);

        var mine6 = NlA.ListRoutes(AddressFamily.InterNetworkV6, 500);
        Assert.Equal(2, mine6.Count);
        Assert.Equal(Gw6, Assert.Single(mine6, r => r.Dst is null).Gateway);
        Assert.Equal(IPNetwork.Parse("fd30::/64"), Assert.Single(mine6, r => r.Dst is not null).Dst);

        // Unfiltered dumps include table 500 and main; a table never created is simply empty.
        Assert.Contains(NlA.ListRoutes(AddressFamily.InterNetwork), r => r.Table == 254 && r.Dst == IPNetwork.Parse("10.1.0.0/24"));
        Assert.Contains(NlA.ListRoutes(AddressFamily.InterNetwork), r => r.Table == 500);
        Assert.Empty(NlA.ListRoutes(AddressFamily.InterNetwork, 777));
        Assert.Empty(NlA.ListRoutes(AddressFamily.InterNetworkV6, 777));

        foreach (var r in routes)
            NlA.DeleteRoute(r);
        Assert.Empty(Ip.Json(A, "-4", "route", "show", "table", "500").EnumerateArray());
        Assert.Empty(NlA.ListRoutes(AddressFamily.InterNetworkV6, 500));
    }

    [Fact]
    public void Replace_changes_the_gateway_where_add_is_EEXIST()
    {
        var r = new Route { Family = AddressFamily.InterNetwork, Dst = IPNetwork.Parse("10.40.0.0/16"), Gateway = Gw4, OutIndex = Va, Table = 500 };
        NlA.AddRoute(r);

        var e = Assert.Throws<NetlinkException>(() => NlA.AddRoute(r));
        Assert.True(e.IsExists);
        Assert.StartsWith("RTM_NEWROUTE 10.40.0.0/16 table 500 via 10.1.0.254", e.Message);
        Assert.Contains("File exists (EEXIST)", e.Message);

        NlA.ReplaceRoute(r with { Gateway = IPAddress.Parse("10.1.0.253") });

        var shown = Single(Ip.Json(A, "route", "show", "table", "500"), "route");
        Assert.Equal("10.1.0.253", shown.Str("gateway"));
        Assert.Equal(IPAddress.Parse("10.1.0.253"), Assert.Single(NlA.ListRoutes(AddressFamily.InterNetwork, 500)).Gateway);

        var r6 = new Route { Family = AddressFamily.InterNetworkV6, Dst = IPNetwork.Parse("fd40::/64"), Gateway = Gw6, OutIndex = Va };
        NlA.ReplaceRoute(r6);
        NlA.ReplaceRoute(r6 with { Gateway = IPAddress.Parse("fd00::fd") });
        Assert.Equal("fd00::fd", Single(Ip.Json(A, "-6", "route", "show", "fd40::/64"), "route").Str("gateway"));
    }

    [Fact]
    public void Onlink_and_prefsrc_are_encoded()
    {
        NlA.AddRoute(new Route
        {
            Family = AddressFamily.InterNetwork,
            Dst = IPNetwork.Parse("192.168.99.0/24"),
            Gateway = IPAddress.Parse("192.168.5.1"),
            OutIndex = Va,
            OnLink = true,
            PrefSrc = IPAddress.Parse("10.1.0.1"),
        });

        var r = Single(Ip.Json(A, "route", "show", "192.168.99.0/24"), "route");
        Assert.Contains("onlink", r.Strings("flags"));
        Assert.Equal("10.1.0.1", r.Str("prefsrc"));
        var mine = Assert.Single(NlA.ListRoutes(AddressFamily.InterNetwork), x => x.Dst == IPNetwork.Parse("192.168.99.0/24"));
        Assert.True(mine.OnLink);
        Assert.Equal(IPAddress.Parse("10.1.0.1"), mine.PrefSrc);
    }

    [Fact]
    public void Multipath_v6_default_is_decoded_into_nexthops()
    {
        NlA.CreateVeth("vc", "vd", NsB);
        int vc = NlA.GetLink("vc")!.Index;
        NlA.SetUp(vc);
        Ip.Run("-n", A, "-6", "route", "add", "default", "nexthop", "via", "fe80::1", "dev", "va", "nexthop", "via", "fe80::2", "dev", "vc", "weight", "3");

        var route = Assert.Single(NlA.ListRoutes(AddressFamily.InterNetworkV6, 254), r => r.Dst is null);

        Assert.NotNull(route.MultiPath);
        Assert.Equal([new NextHop(Va, IPAddress.Parse("fe80::1"), 1), new NextHop(vc, IPAddress.Parse("fe80::2"), 3)], route.MultiPath);
        Assert.Null(route.OutIndex);
        Assert.Null(route.Gateway);
    }

    [Fact]
    public void Multipath_v4_round_trips_through_our_encoder()
    {
        NlA.CreateVeth("vc", "vd", NsB);
        int vc = NlA.GetLink("vc")!.Index;
        NlA.SetUp(vc);
        NlA.AddAddress(vc, IPAddress.Parse("10.2.0.1"), 24);
        var hops = new[] { new NextHop(Va, Gw4, 2), new NextHop(vc, IPAddress.Parse("10.2.0.254"), 1) };

        NlA.AddRoute(new Route { Family = AddressFamily.InterNetwork, Dst = IPNetwork.Parse("10.50.0.0/16"), MultiPath = hops });

        var shown = Single(Ip.Json(A, "route", "show", "10.50.0.0/16"), "route").GetProperty("nexthops").EnumerateArray().ToList();
        Assert.Equal(["10.1.0.254", "10.2.0.254"], shown.Select(h => h.Str("gateway")!).ToArray());
        Assert.Equal([2, 1], shown.Select(h => h.Int("weight")!.Value).ToArray());
        Assert.Equal(hops, Assert.Single(NlA.ListRoutes(AddressFamily.InterNetwork), r => r.Dst == IPNetwork.Parse("10.50.0.0/16")).MultiPath);
    }

    [Fact]
    public void Route_get_returns_the_chosen_route_with_prefsrc()
    {
        NlA.AddRoute(new Route { Family = AddressFamily.InterNetwork, Dst = IPNetwork.Parse("10.60.0.0/16"), Gateway = Gw4, OutIndex = Va });

        var direct = NlA.RouteGet(IPAddress.Parse("10.1.0.77"));
        var ipDirect = Single(Ip.Json(A, "route", "get", "10.1.0.77"), "route");
        Assert.Equal(ipDirect.Str("prefsrc"), direct.PrefSrc?.ToString());
        Assert.Equal(IPAddress.Parse("10.1.0.1"), direct.PrefSrc);
        Assert.Equal(Va, direct.OutIndex);
        Assert.Null(direct.Gateway);
        Assert.Equal(254u, direct.Table);
        Assert.Equal(IPNetwork.Parse("10.1.0.77/32"), direct.Dst);

        var via = NlA.RouteGet(IPAddress.Parse("10.60.1.2"));
        Assert.Equal(Gw4, via.Gateway);
        Assert.Equal(IPAddress.Parse("10.1.0.1"), via.PrefSrc);

        var v6 = NlA.RouteGet(IPAddress.Parse("fd00::77"));
        Assert.Equal(Va, v6.OutIndex);
        Assert.Equal(IPAddress.Parse("fd00::1"), v6.PrefSrc);

        var unreachable = Assert.Throws<NetlinkException>(() => NlA.RouteGet(IPAddress.Parse("192.0.2.1")));
        Assert.Equal(101, unreachable.Errno); // ENETUNREACH: no default route in A
    }

    [Fact]
    public void Deleting_an_absent_route_is_ESRCH()
    {
        var r = new Route { Family = AddressFamily.InterNetwork, Dst = IPNetwork.Parse("10.70.0.0/16"), OutIndex = Va, Table = 500 };
        var e = Assert.Throws<NetlinkException>(() => NlA.DeleteRoute(r));
        Assert.True(e.IsNotFound);
        Assert.Equal(3, e.Errno);

        var e6 = Assert.Throws<NetlinkException>(() => NlA.DeleteRoute(r with { Family = AddressFamily.InterNetworkV6, Dst = IPNetwork.Parse("fd70::/64") }));
        Assert.True(e6.IsNotFound);
    }

    [Fact]
    public void Unfiltered_dumps_match_ip_table_all()
    {
        Assert.Equal(Ip.Json(A, "-4", "route", "show", "table", "all").GetArrayLength(), NlA.ListRoutes(AddressFamily.InterNetwork).Count);
        Assert.Equal(Ip.Json(A, "-6", "route", "show", "table", "all").GetArrayLength(), NlA.ListRoutes(AddressFamily.InterNetworkV6).Count);
    }
}
