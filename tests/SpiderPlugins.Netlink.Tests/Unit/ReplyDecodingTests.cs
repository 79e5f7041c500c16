using System.Net;
using System.Net.Sockets;
using SpiderPlugins.Netlink.Codecs;
using SpiderPlugins.Netlink.Objects;
using SpiderPlugins.Netlink.Protocol;

namespace SpiderPlugins.Netlink.Tests.Unit;

/// <summary>Real kernel replies (see <see cref="CapturedReplies"/>) through our message iterator and decoders.</summary>
public sealed class ReplyDecodingTests
{
    [Fact]
    public void Routes_in_table_500_take_the_table_from_RTA_TABLE_not_rtm_table_252()
    {
        var routes = Decode(CapturedReplies.Route500, Rtm.NEWROUTE, p => RouteCodec.Decode(p, keepCloned: false));

        Assert.Equal(2, routes.Count);
        Assert.Equal(new Route
        {
            Family = AddressFamily.InterNetwork,
            Dst = null,
            Gateway = IPAddress.Parse("10.1.0.254"),
            OutIndex = 2,
            Table = 500,
            Protocol = 3,
            Type = 1,
        }, routes[0]);
        Assert.Equal(new Route
        {
            Family = AddressFamily.InterNetwork,
            Dst = IPNetwork.Parse("10.30.0.0/16"),
            Gateway = IPAddress.Parse("10.1.0.254"),
            OutIndex = 2,
            Table = 500,
            Protocol = 4,
            Metric = 7,
            Type = 1,
        }, routes[1]);
    }

    [Fact]
    public void Multipath_v6_default_decodes_each_nexthop_with_its_weight()
    {
        Route r = Assert.Single(Decode(CapturedReplies.MultipathV6Default, Rtm.NEWROUTE, p => RouteCodec.Decode(p, false)));

        Assert.Null(r.Dst);
        Assert.Null(r.OutIndex);
        Assert.Null(r.Gateway);
        Assert.Equal(AddressFamily.InterNetworkV6, r.Family);
        Assert.Equal(254u, r.Table);
        Assert.Equal(1024u, r.Metric);
        Assert.Equal([new NextHop(2, IPAddress.Parse("fe80::1"), 1), new NextHop(3, IPAddress.Parse("fe80::2"), 3)], r.MultiPath!);
    }

    [Fact]
    public void Cloned_routes_are_skipped_in_dumps_but_kept_for_route_get()
    {
        byte[] msg = Hex.Parse(CapturedReplies.Route500)[..0x34];
        msg[16 + 8 + 1] = 0x02;   // rtm_flags |= RTM_F_CLONED (0x200), second byte of the little-endian u32
        ReadOnlySpan<byte> payload = msg.AsSpan(16);

        Assert.Null(RouteCodec.Decode(payload, keepCloned: false));
        Assert.NotNull(RouteCodec.Decode(payload, keepCloned: true));
    }

    [Fact]
    public void Default_route_with_explicit_zero_dst_decodes_as_null()
    {
        var w = new NlMessageWriter();
        w.Start(Rtm.NEWROUTE, 0, 1);
        w.Header(new RtMsg { Family = Family.AF_INET, Table = 254, Type = 1 });
        w.AttrIp(Rta.DST, IPAddress.Any);
        w.AttrIp(Rta.GATEWAY, IPAddress.Parse("10.0.0.1"));

        Route r = RouteCodec.Decode(w.Message[16..], false)!;

        Assert.Null(r.Dst);
        Assert.Equal(IPAddress.Parse("10.0.0.1"), r.Gateway);
    }

    [Fact]
    public void Veth_link_with_stats_and_foreign_attributes()
    {
        Link l = Assert.Single(Decode(CapturedReplies.LinkVa, Rtm.NEWLINK, LinkCodec.Decode));

        Assert.Equal(2, l.Index);
        Assert.Equal("va", l.Name);
        Assert.Equal("veth", l.Kind);
        Assert.Equal(1500, l.Mtu);
        Assert.Equal(1000, l.TxQueueLen);
        Assert.Equal(2, l.ParentIndex);
        Assert.Null(l.MasterIndex);
        Assert.Equal(Convert.FromHexString("5a88c903ba3c"), l.Mac);
        Assert.Equal(0x11043u, l.Flags);   // UP|BROADCAST|RUNNING|MULTICAST|LOWER_UP
        Assert.True(l.IsUp);
        Assert.True(l.IsRunning);
    }

    [Fact]
    public void Rules_decode_selectors_and_large_tables()
    {
        var rules = Decode(CapturedReplies.RulesV4, Rtm.NEWRULE, RuleCodec.Decode);

        Assert.Equal([0u, 1000u, 32766u, 32767u], rules.Select(r => r.Priority!.Value).ToArray());
        Assert.Equal([255u, 500u, 254u, 253u], rules.Select(r => r.Table).ToArray());
        Assert.Equal(new Rule
        {
            Family = AddressFamily.InterNetwork,
            Priority = 1000,
            Src = IPNetwork.Parse("10.1.0.0/24"),
            Dst = IPNetwork.Parse("10.2.0.0/16"),
            Mark = 1,
            Mask = 0xff,
            IifName = "va",
            OifName = "va",
            Table = 500,
        }, rules[1]);
        Assert.Null(rules[0].Src);
        Assert.Null(rules[0].Mark);
    }

    [Fact]
    public void Neighbours_decode_state_and_lladdr()
    {
        var all = Decode(CapturedReplies.Neighbours, Rtm.NEWNEIGH, NeighborCodec.Decode);

        Assert.Equal(3, all.Count);
        Assert.Equal(2, all[0].Index);
        Assert.Equal(IPAddress.Parse("10.1.0.9"), all[0].Ip);
        Assert.Equal(Convert.FromHexString("020000000009"), all[0].Mac);
        Assert.Equal(Neighbor.NudPermanent, all[0].State);
        Assert.Equal(IPAddress.Parse("ff02::16"), all[1].Ip);
        Assert.Equal((ushort)0x40, all[1].State);   // NUD_NOARP
        Assert.Equal(Convert.FromHexString("333300000016"), all[1].Mac);
    }

    [Fact]
    public void V6_addresses_take_flags_from_IFA_FLAGS()
    {
        var all = Decode(CapturedReplies.AddressesV6, Rtm.NEWADDR, AddressCodec.Decode);

        Assert.Equal(2, all.Count);
        Assert.Equal(new Address { Index = 2, Ip = IPAddress.Parse("fd00::1"), PrefixLength = 64, Scope = 0, Flags = 0x82 }, all[0]);
        Assert.Equal(IPAddress.Parse("fe80::5888:c9ff:fe03:ba3c"), all[1].Ip);
        Assert.Equal((byte)253, all[1].Scope);
    }

    [Fact]
    public void Error_with_full_echo_and_extended_ack_message()
    {
        var reader = new NlMessageReader(Hex.Parse(CapturedReplies.ErrorWithExtAck));
        Assert.True(reader.Next());
        Assert.Equal(Nl.NLMSG_ERROR, reader.Type);

        int errno = NlMessageReader.ParseError(reader.Payload, reader.Flags, isDone: false, out string? text);

        Assert.Equal(22, errno);
        Assert.Equal("Invalid prefix for given prefix length", text);
        Assert.False(reader.Next());
    }

    [Fact]
    public void Error_without_extended_ack()
    {
        var reader = new NlMessageReader(Hex.Parse(CapturedReplies.ErrorExists));
        Assert.True(reader.Next());

        Assert.Equal(17, NlMessageReader.ParseError(reader.Payload, reader.Flags, false, out string? text));
        Assert.Null(text);
    }

    [Fact]
    public void Capped_error_skips_only_the_echoed_header()
    {
        byte[] payload = Hex.Parse("""
            efffffff                              // -EEXIST
            44000000 1800 0506 01000000 00000000  // echoed nlmsghdr only (NETLINK_CAP_ACK): its len says 68, but no body follows
            0e00 0100 73616d65207468696e6700 0000 // NLMSGERR_ATTR_MSG "same thing"
            """);

        Assert.Equal(17, NlMessageReader.ParseError(payload, Nl.NLM_F_CAPPED | Nl.NLM_F_ACK_TLVS, false, out string? text));
        Assert.Equal("same thing", text);
    }

    [Fact]
    public void Done_can_carry_an_error_and_a_message()
    {
        byte[] payload = Hex.Parse("""
            feffffff                              // -ENOENT
            1c00 0100 464942207461626c6520646f6573206e6f7420657869737400  // "FIB table does not exist"
            """);

        Assert.Equal(2, NlMessageReader.ParseError(payload, Nl.NLM_F_ACK_TLVS, isDone: true, out string? text));
        Assert.Equal("FIB table does not exist", text);
    }

    private static List<T> Decode<T>(string hex, ushort type, NlDecoder<T> decode) where T : class
    {
        var list = new List<T>();
        var reader = new NlMessageReader(Hex.Parse(hex));
        while (reader.Next())
        {
            if (reader.Type != type)
                continue;
            T? item = decode(reader.Payload);
            if (item is not null)
                list.Add(item);
        }
        return list;
    }
}
