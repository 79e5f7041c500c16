using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using SpiderPlugins.Netlink.Objects;

namespace SpiderPlugins.Netlink.Tests.Integration;

public sealed class RuleTests : TwoNamespaces
{
    [Fact]
    public void V4_rule_with_every_selector()
    {
        NlA.CreateBridge("br0");
        var rule = new Rule
        {
            Family = AddressFamily.InterNetwork,
            Priority = 1000,
            Src = IPNetwork.Parse("10.1.0.0/24"),
            Dst = IPNetwork.Parse("10.2.0.0/16"),
            Mark = 0x1,
            Mask = 0xff,
            IifName = "va",
            OifName = "br0",
            Table = 500,
        };

        NlA.AddRule(rule);

        JsonElement shown = Single(Ip.Json(A, "-4", "rule", "show", "pref", "1000"), "rule");
        Assert.Equal("10.1.0.0", shown.Str("src"));
        Assert.Equal(24, shown.Int("srclen"));
        Assert.Equal("10.2.0.0", shown.Str("dst"));
        Assert.Equal(16, shown.Int("dstlen"));
        Assert.Equal("0x1", shown.Str("fwmark"));
        Assert.Equal("0xff", shown.Str("fwmask"));
        Assert.Equal("va", shown.Str("iif"));
        Assert.Equal("br0", shown.Str("oif"));
        Assert.Equal("500", shown.Str("table"));

        Assert.Equal(rule, Assert.Single(NlA.ListRules(AddressFamily.InterNetwork), r => r.Priority == 1000));

        var exists = Assert.Throws<NetlinkException>(() => NlA.AddRule(rule));
        Assert.True(exists.IsExists);
        Assert.Equal("RTM_NEWRULE", exists.Operation);

        NlA.DeleteRule(rule);
        Assert.Empty(Ip.Json(A, "-4", "rule", "show", "pref", "1000").EnumerateArray());
        var absent = Assert.Throws<NetlinkException>(() => NlA.DeleteRule(rule));
        Assert.True(absent.IsNotFound);
        Assert.Equal(2, absent.Errno);
    }

    [Fact]
    public void V6_rules_and_main_table_rules_list_like_ip()
    {
        var low = new Rule { Family = AddressFamily.InterNetworkV6, Priority = 1001, Src = IPNetwork.Parse("fd00::/64"), Table = 500 };
        var marked = new Rule { Family = AddressFamily.InterNetworkV6, Priority = 1002, Dst = IPNetwork.Parse("fd01::/48"), Mark = 0x10, Table = 100 };
        NlA.AddRule(low);
        NlA.AddRule(marked);

        var shown = Ip.Json(A, "-6", "rule", "show").EnumerateArray().ToList();
        Assert.Equal([0, 1001, 1002, 32766], shown.Select(r => r.Int("priority")!.Value).ToArray());
        Assert.Equal("fd00::", shown[1].Str("src"));
        Assert.Equal(64, shown[1].Int("srclen"));
        Assert.Equal("fd01::", shown[2].Str("dst"));
        Assert.Equal("100", shown[2].Str("table"));

        var mine = NlA.ListRules(AddressFamily.InterNetworkV6);
        Assert.Equal([0u, 1001u, 1002u, 32766u], mine.Select(r => r.Priority!.Value).ToArray());
        Assert.Equal(low, mine[1]);
        // The kernel fills in an all-ones mask for a mark given without one.
        Assert.Equal(marked with { Mask = 0xffffffff }, mine[2]);
        Assert.Equal(255u, mine[0].Table);
        Assert.Equal(254u, mine[3].Table);
        Assert.All(NlA.ListRules(AddressFamily.InterNetwork), r => Assert.Equal(AddressFamily.InterNetwork, r.Family));

        NlA.DeleteRule(low);
        NlA.DeleteRule(marked);
        Assert.Equal(2, Ip.Json(A, "-6", "rule", "show").GetArrayLength());
    }
}
