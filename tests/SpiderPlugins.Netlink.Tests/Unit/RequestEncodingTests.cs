using System.Net;
using System.Net.Sockets;
using SpiderPlugins.Netlink.Codecs;
using SpiderPlugins.Netlink.Objects;
using SpiderPlugins.Netlink.Protocol;

namespace SpiderPlugins.Netlink.Tests.Unit;

/// <summary>
/// Requests compared byte for byte with layouts worked out by hand from the UAPI headers (host order = little endian).
/// The integration tests prove the kernel accepts them; these pin down exactly what is sent.
/// </summary>
public sealed class RequestEncodingTests
{
    private const uint Seq = 0x01020304;
    private readonly NlMessageWriter _w = new();

    [Fact]
    public void Newroute_with_table_500_puts_the_table_in_RTA_TABLE()
    {
        RouteCodec.WriteNew(_w, Seq, new Route
        {
            Family = AddressFamily.InterNetwork,
            Dst = IPNetwork.Parse("10.0.0.0/8"),
            Gateway = IPAddress.Parse("10.1.0.254"),
            OutIndex = 2,
            Table = 500,
            Metric = 100,
        }, replace: false);

        Assert.Equal(Hex.Of(Hex.Parse("""
            44000000 1800 0506 04030201 00000000  // nlmsghdr: len 68, RTM_NEWROUTE, REQUEST|ACK|EXCL|CREATE, seq, pid 0
            02 08 00 00 | 00 03 00 01 | 00000000  // rtmsg: AF_INET /8, table UNSPEC, proto boot, scope universe, unicast
            0800 0f00 f4010000                    // RTA_TABLE 500
            0800 0100 0a000000                    // RTA_DST 10.0.0.0
            0800 0500 0a0100fe                    // RTA_GATEWAY 10.1.0.254
            0800 0400 02000000                    // RTA_OIF 2
            0800 0600 64000000                    // RTA_PRIORITY 100
            """)), Hex.Of(_w.Message));
    }

    [Fact]
    public void Replace_of_a_v6_onlink_default_in_main()
    {
        RouteCodec.WriteNew(_w, Seq, new Route
        {
            Family = AddressFamily.InterNetworkV6,
            Gateway = IPAddress.Parse("fe80::1"),
            OutIndex = 3,
            OnLink = true,
            Protocol = 4,
        }, replace: true);

        Assert.Equal(Hex.Of(Hex.Parse("""
            38000000 1800 0505 04030201 00000000  // len 56, REQUEST|ACK|REPLACE|CREATE
            0a 00 00 00 | fe 04 00 01 | 04000000  // AF_INET6 /0, table main, proto static, RTNH_F_ONLINK
            1400 0500 fe800000000000000000000000000001  // RTA_GATEWAY fe80::1
            0800 0400 03000000                    // RTA_OIF 3
            """)), Hex.Of(_w.Message));
    }

    [Fact]
    public void Delroute_uses_the_kernels_wildcards_for_scope_type_and_protocol()
    {
        RouteCodec.WriteDelete(_w, Seq, new Route { Family = AddressFamily.InterNetwork, Dst = IPNetwork.Parse("10.0.0.0/8"), Table = 100, Protocol = 4 });

        Assert.Equal(Hex.Of(Hex.Parse("""
            24000000 1900 0500 04030201 00000000  // len 36, RTM_DELROUTE, REQUEST|ACK
            02 08 00 00 | 64 00 ff 00 | 00000000  // table 100, proto any, scope NOWHERE, type UNSPEC
            0800 0100 0a000000                    // RTA_DST
            """)), Hex.Of(_w.Message));
    }

    [Fact]
    public void Multipath_nexthops_are_rtnexthop_records_with_weight_minus_one()
    {
        RouteCodec.WriteNew(_w, Seq, new Route
        {
            Family = AddressFamily.InterNetwork,
            Dst = IPNetwork.Parse("10.50.0.0/16"),
            MultiPath = [new NextHop(2, IPAddress.Parse("10.1.0.254"), 2), new NextHop(3, IPAddress.Parse("10.2.0.254"))],
        }, replace: false);

        Assert.Equal(Hex.Of(Hex.Parse("""
            48000000 1800 0506 04030201 00000000  // len 72
            02 10 00 00 | fe 03 00 01 | 00000000
            0800 0100 0a320000                    // RTA_DST 10.50.0.0
            2400 0900                             // RTA_MULTIPATH, 36 bytes
              1000 00 01 02000000 0800 0500 0a0100fe   // rtnexthop len 16, flags 0, hops 1 (weight 2), ifindex 2, gateway
              1000 00 00 03000000 0800 0500 0a0200fe
            """)), Hex.Of(_w.Message));
    }

    [Fact]
    public void Route_dump_filtered_by_table()
    {
        RouteCodec.WriteDump(_w, Seq, AddressFamily.InterNetworkV6, 500);

        Assert.Equal(Hex.Of(Hex.Parse("""
            24000000 1a00 0103 04030201 00000000  // RTM_GETROUTE, REQUEST|DUMP
            0a 00 00 00 | 00 00 00 00 | 00000000  // strict check: everything zero but the family
            0800 0f00 f4010000                    // RTA_TABLE 500
            """)), Hex.Of(_w.Message));
    }

    [Fact]
    public void Newrule_with_selectors_and_table_500()
    {
        RuleCodec.WriteAdd(_w, Seq, new Rule
        {
            Family = AddressFamily.InterNetwork,
            Priority = 1000,
            Src = IPNetwork.Parse("10.1.0.0/24"),
            Mark = 1,
            Mask = 0xff,
            IifName = "va",
            Table = 500,
        });

        Assert.Equal(Hex.Of(Hex.Parse("""
            4c000000 2000 0506 04030201 00000000  // len 76, RTM_NEWRULE, REQUEST|ACK|EXCL|CREATE
            02 00 18 00 | 00 00 00 01 | 00000000  // fib_rule_hdr: AF_INET, dst_len 0, src_len 24, table UNSPEC, FR_ACT_TO_TBL
            0800 0f00 f4010000                    // FRA_TABLE 500
            0800 0600 e8030000                    // FRA_PRIORITY 1000
            0800 0200 0a010000                    // FRA_SRC 10.1.0.0
            0800 0a00 01000000                    // FRA_FWMARK 1
            0800 1000 ff000000                    // FRA_FWMASK 0xff
            0700 0300 76610000                    // FRA_IIFNAME "va\0" + 1 byte padding
            """)), Hex.Of(_w.Message));
    }

    [Fact]
    public void Newneigh_permanent_with_lladdr()
    {
        NeighborCodec.WriteSet(_w, Seq, new Neighbor
        {
            Index = 2,
            Ip = IPAddress.Parse("10.1.0.9"),
            Mac = [0x02, 0, 0, 0, 0, 0x09],
            State = Neighbor.NudPermanent,
        });

        Assert.Equal(Hex.Of(Hex.Parse("""
            30000000 1c00 0505 04030201 00000000  // len 48, RTM_NEWNEIGH, REQUEST|ACK|REPLACE|CREATE
            02 00 0000 | 02000000 | 8000 00 00    // ndmsg: AF_INET, ifindex 2, NUD_PERMANENT
            0800 0100 0a010009                    // NDA_DST
            0a00 0200 020000000009 0000           // NDA_LLADDR + 2 bytes padding
            """)), Hex.Of(_w.Message));
    }

    [Fact]
    public void Neighbour_dump_filters_by_NDA_IFINDEX_not_ndm_ifindex()
    {
        NeighborCodec.WriteDump(_w, Seq, Family.AF_INET6, 7);

        Assert.Equal(Hex.Of(Hex.Parse("""
            24000000 1e00 0103 04030201 00000000
            0a 00 0000 | 00000000 | 0000 00 00
            0800 0800 07000000                    // NDA_IFINDEX 7
            """)), Hex.Of(_w.Message));
    }

    [Fact]
    public void Veth_create_nests_the_peer_with_its_netns_fd()
    {
        LinkCodec.WriteCreateVeth(_w, Seq, "va", "vb", peerNetnsFd: 7, mac: [0x02, 0, 0, 0, 0x0a, 0x01], peerMac: default, mtu: 1400);

        Assert.Equal(Hex.Of(Hex.Parse("""
            7c000000 1000 0506 04030201 00000000  // len 124, RTM_NEWLINK, REQUEST|ACK|EXCL|CREATE
            00 00 0000 00000000 00000000 00000000 // ifinfomsg
            0700 0300 76610000                    // IFLA_IFNAME "va"
            0a00 0100 02000000 0a01 0000          // IFLA_ADDRESS
            0800 0400 78050000                    // IFLA_MTU 1400
            4000 1200                             // IFLA_LINKINFO, 64 bytes
              0900 0100 76657468 00 000000        //   IFLA_INFO_KIND "veth\0" + 3 bytes padding
              3000 0200                           //   IFLA_INFO_DATA, 48 bytes
                2c00 0100                         //     VETH_INFO_PEER, 44 bytes
                  00 00 0000 00000000 00000000 00000000  // peer ifinfomsg
                  0700 0300 76620000              //     IFLA_IFNAME "vb"
                  0800 0400 78050000              //     IFLA_MTU 1400
                  0800 1c00 07000000              //     IFLA_NET_NS_FD 7
            """)), Hex.Of(_w.Message));
    }

    [Fact]
    public void Macvlan_create_with_mode_and_netns()
    {
        LinkCodec.WriteCreateMacvlan(_w, Seq, "mv0", 4, LinkCodec.MacvlanMode("private"), netnsFd: 9);

        Assert.Equal(Hex.Of(Hex.Parse("""
            54000000 1000 0506 04030201 00000000  // len 84
            00 00 0000 00000000 00000000 00000000
            0800 0300 6d763000                    // IFLA_IFNAME "mv0"
            0800 0500 04000000                    // IFLA_LINK 4
            0800 1c00 09000000                    // IFLA_NET_NS_FD 9
            1c00 1200                             // IFLA_LINKINFO, 28 bytes
              0c00 0100 6d6163766c616e00          //   IFLA_INFO_KIND "macvlan\0"
              0c00 0200                           //   IFLA_INFO_DATA
                0800 0100 01000000                //     IFLA_MACVLAN_MODE private
            """)), Hex.Of(_w.Message));
    }

    [Fact]
    public void Link_up_sets_ifi_flags_under_ifi_change()
    {
        LinkCodec.WriteSetFlags(_w, Seq, 5, 1, 1);

        Assert.Equal("200000001000050004030201000000000000000005000000" + "01000000" + "01000000", Hex.Of(_w.Message));
    }

    [Fact]
    public void Newaddr_v6_nodad_sets_both_flag_fields()
    {
        AddressCodec.WriteAdd(_w, Seq, 3, IPAddress.Parse("fd00::1"), 64, noDad: true);

        Assert.Equal(Hex.Of(Hex.Parse("""
            48000000 1400 0506 04030201 00000000  // len 72, RTM_NEWADDR
            0a 40 02 00 | 03000000                // ifaddrmsg: AF_INET6 /64, IFA_F_NODAD, ifindex 3
            1400 0200 fd000000000000000000000000000001  // IFA_LOCAL
            1400 0100 fd000000000000000000000000000001  // IFA_ADDRESS
            0800 0800 02000000                    // IFA_FLAGS NODAD
            """)), Hex.Of(_w.Message));
    }

    [Fact]
    public void Getlink_by_name_skips_statistics()
    {
        LinkCodec.WriteGet(_w, Seq, "eth0");

        Assert.Equal(Hex.Of(Hex.Parse("""
            34000000 1200 0100 04030201 00000000  // len 52, RTM_GETLINK, REQUEST (no ACK: the reply is the answer)
            00 00 0000 00000000 00000000 00000000
            0800 1d00 08000000                    // IFLA_EXT_MASK RTEXT_FILTER_SKIP_STATS
            0900 0300 65746830 00 000000          // IFLA_IFNAME "eth0\0"
            """)), Hex.Of(_w.Message));
    }

    [Fact]
    public void Invalid_requests_are_rejected_before_sending()
    {
        Assert.Throws<ArgumentException>(() => RouteCodec.WriteNew(_w, Seq,
            new Route { Family = AddressFamily.InterNetwork, Dst = IPNetwork.Parse("fd00::/64") }, false));
        Assert.Throws<ArgumentException>(() => RouteCodec.WriteNew(_w, Seq,
            new Route { Family = AddressFamily.InterNetwork, Gateway = IPAddress.Parse("fe80::1") }, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => AddressCodec.WriteAdd(_w, Seq, 1, IPAddress.Parse("10.0.0.1"), 33, false));
        Assert.Throws<ArgumentException>(() => LinkCodec.MacvlanMode("source"));
        Assert.Throws<ArgumentException>(() => RuleCodec.WriteAdd(_w, Seq,
            new Rule { Family = AddressFamily.InterNetworkV6, Src = IPNetwork.Parse("10.0.0.0/8"), Table = 1 }));
    }
}
