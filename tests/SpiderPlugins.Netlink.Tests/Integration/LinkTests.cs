using System.Text.Json;

namespace SpiderPlugins.Netlink.Tests.Integration;

public sealed class LinkTests : NetnsTest
{
    private static readonly byte[] MacA = [0x02, 0x00, 0x00, 0x00, 0x0a, 0x01];
    private static readonly byte[] MacB = [0x02, 0x00, 0x00, 0x00, 0x0b, 0x01];

    [Fact]
    public void Veth_peer_is_born_in_the_other_namespace_with_given_macs_and_mtu()
    {
        string a = NewNamespace("a"), b = NewNamespace("b");
        var nlA = OpenNl(a);
        var nlB = OpenNl(b);

        nlA.CreateVeth("va", "vb", OpenNs(b), MacA, MacB, 1400);

        JsonElement va = Ip.Json(a, "-d", "link", "show", "va")[0];
        JsonElement vb = Ip.Json(b, "-d", "link", "show", "vb")[0];
        Assert.Equal("02:00:00:00:0a:01", va.Str("address"));
        Assert.Equal("02:00:00:00:0b:01", vb.Str("address"));
        Assert.Equal(1400, va.Int("mtu"));
        Assert.Equal(1400, vb.Int("mtu"));
        Assert.Equal("veth", va.GetProperty("linkinfo").Str("info_kind"));
        Assert.Equal(JsonValueKind.Undefined, Ip.Json(a, "link").EnumerateArray().FirstOrDefault(l => l.Str("ifname") == "vb").ValueKind);

        var linkA = nlA.GetLink("va")!;
        var linkB = nlB.GetLink("vb")!;
        Assert.Equal(va.Int("ifindex"), linkA.Index);
        Assert.Equal("veth", linkA.Kind);
        Assert.Equal(MacA, linkA.Mac);
        Assert.Equal(1400, linkA.Mtu);
        // IFLA_LINK of a veth is the peer's ifindex, in the peer's namespace.
        Assert.Equal(linkB.Index, linkA.ParentIndex);
        Assert.Equal(linkA.Index, linkB.ParentIndex);
        Assert.Equal(vb.Int("ifindex"), linkB.Index);
    }

    [Fact]
    public void Get_by_index_and_list_agree_with_ip()
    {
        string a = NewNamespace("a"), b = NewNamespace("b");
        var nl = OpenNl(a);
        nl.CreateVeth("va", "vb", OpenNs(b));
        nl.CreateBridge("br0");

        var expected = Ip.Json(a, "link").EnumerateArray().Select(l => (l.Int("ifindex")!.Value, l.Str("ifname")!)).OrderBy(x => x.Item1).ToList();
        var actual = nl.ListLinks().Select(l => (l.Index, l.Name)).OrderBy(x => x.Index).ToList();
        Assert.Equal(expected, actual);
        Assert.Equal(["br0", "lo", "va"], actual.Select(x => x.Name).Order().ToArray());

        int br = actual.Single(x => x.Name == "br0").Index;
        var link = nl.GetLink(br)!;
        Assert.Equal("br0", link.Name);
        Assert.Equal("bridge", link.Kind);
        Assert.Null(nl.GetLink("absent0"));
        Assert.Null(nl.GetLink(9999));
        Assert.Null(nl.GetLink("lo")!.Kind);
    }

    [Fact]
    public void Up_down_mtu_mac_txqueuelen_and_master_are_applied()
    {
        string a = NewNamespace("a"), b = NewNamespace("b");
        var nl = OpenNl(a);
        var nlB = OpenNl(b);
        nl.CreateVeth("va", "vb", OpenNs(b));
        nl.CreateBridge("br0");
        int va = nl.GetLink("va")!.Index, br = nl.GetLink("br0")!.Index;

        nl.SetMtu(va, 1280);
        nl.SetMac(va, MacA);
        nl.SetTxQueueLen(va, 77);
        nl.SetMaster(va, br);
        nl.SetUp(va);
        nlB.SetUp(nlB.GetLink("vb")!.Index);

        JsonElement l = Ip.Json(a, "link", "show", "va")[0];
        Assert.Equal(1280, l.Int("mtu"));
        Assert.Equal("02:00:00:00:0a:01", l.Str("address"));
        Assert.Equal(77, l.Int("txqlen"));
        Assert.Equal("br0", l.Str("master"));
        Assert.Contains("UP", l.Strings("flags"));

        var running = nl.WaitRunning(va, TimeSpan.FromSeconds(5));
        Assert.True(running.IsUp);
        Assert.True(running.IsRunning);
        Assert.Equal(br, running.MasterIndex);
        Assert.Equal(77, running.TxQueueLen);
        Assert.Equal("UP", Ip.Json(a, "link", "show", "va")[0].Str("operstate"));

        nl.SetMaster(va, 0);
        nl.SetDown(va);
        l = Ip.Json(a, "link", "show", "va")[0];
        Assert.Null(l.Str("master"));
        Assert.DoesNotContain("UP", l.Strings("flags"));
        Assert.False(nl.GetLink(va)!.IsUp);
        Assert.Null(nl.GetLink(va)!.MasterIndex);
    }

    [Theory]
    [InlineData("bridge")]
    [InlineData("private")]
    [InlineData("vepa")]
    [InlineData("passthru")]
    public void Macvlan_on_a_veth_master_in_each_mode(string mode)
    {
        string a = NewNamespace("a"), b = NewNamespace("b");
        var nl = OpenNl(a);
        nl.CreateVeth("va", "vb", OpenNs(b));
        int va = nl.GetLink("va")!.Index;

        nl.CreateMacvlan("mv0", va, mode);

        JsonElement mv = Ip.Json(a, "-d", "link", "show", "mv0")[0];
        Assert.Equal("macvlan", mv.GetProperty("linkinfo").Str("info_kind"));
        Assert.Equal(mode, mv.GetProperty("linkinfo").GetProperty("info_data").Str("mode"));
        Assert.Equal("va", mv.Str("link"));
        var link = nl.GetLink("mv0")!;
        Assert.Equal("macvlan", link.Kind);
        Assert.Equal(va, link.ParentIndex);
    }

    [Fact]
    public void Macvlan_can_be_born_in_another_namespace()
    {
        string a = NewNamespace("a"), b = NewNamespace("b"), c = NewNamespace("c");
        var nl = OpenNl(a);
        nl.CreateVeth("va", "vb", OpenNs(b));

        nl.CreateMacvlan("mv0", nl.GetLink("va")!.Index, "bridge", OpenNs(c));

        Assert.Null(nl.GetLink("mv0"));
        JsonElement mv = Ip.Json(c, "-d", "link", "show", "mv0")[0];
        Assert.Equal("bridge", mv.GetProperty("linkinfo").GetProperty("info_data").Str("mode"));
        Assert.Equal("macvlan", OpenNl(c).GetLink("mv0")!.Kind);
    }

    [Fact]
    public void Move_to_netns_then_delete()
    {
        string a = NewNamespace("a"), b = NewNamespace("b");
        var nl = OpenNl(a);
        var nlB = OpenNl(b);
        nl.CreateVeth("va", "vb");
        int vb = nl.GetLink("vb")!.Index;

        nl.MoveToNetns(vb, OpenNs(b));

        Assert.Null(nl.GetLink("vb"));
        Assert.Equal("vb", Ip.Json(b, "link", "show", "vb")[0].Str("ifname"));
        var moved = nlB.GetLink("vb")!;

        nlB.DeleteLink(moved.Index);

        Assert.Null(nlB.GetLink("vb"));
        Assert.Null(nl.GetLink("va"));   // deleting one end of a veth takes the other with it
        Assert.Equal(["lo"], Ip.Json(b, "link").EnumerateArray().Select(l => l.Str("ifname")!).ToArray());
        var e = Assert.Throws<NetlinkException>(() => nlB.DeleteLink(moved.Index));
        Assert.True(e.IsNotFound);
        Assert.Equal(19, e.Errno);
        Assert.Equal("RTM_DELLINK", e.Operation);
    }

    [Fact]
    public void Creating_an_existing_link_is_EEXIST()
    {
        string a = NewNamespace("a");
        var nl = OpenNl(a);
        nl.CreateBridge("br0");

        var e = Assert.Throws<NetlinkException>(() => nl.CreateBridge("br0"));

        Assert.True(e.IsExists);
        Assert.Equal(17, e.Errno);
        Assert.StartsWith("RTM_NEWLINK br0 type bridge: File exists (EEXIST)", e.Message);
    }

    [Fact]
    public void Wait_running_times_out_on_a_link_whose_peer_is_down()
    {
        string a = NewNamespace("a"), b = NewNamespace("b");
        var nl = OpenNl(a);
        nl.CreateVeth("va", "vb", OpenNs(b));
        int va = nl.GetLink("va")!.Index;
        nl.SetUp(va);

        Assert.Throws<TimeoutException>(() => nl.WaitRunning(va, TimeSpan.FromMilliseconds(50)));
    }
}
