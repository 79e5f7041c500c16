namespace SpiderPlugins.Netlink.Protocol;

/// <summary>linux/rtnetlink.h: message types and the rtmsg enums (tables, protocols, scopes, types, flags).</summary>
internal static class Rtm
{
    public const ushort NEWLINK = 16;
    public const ushort DELLINK = 17;
    public const ushort GETLINK = 18;
    public const ushort NEWADDR = 20;
    public const ushort DELADDR = 21;
    public const ushort GETADDR = 22;
    public const ushort NEWROUTE = 24;
    public const ushort DELROUTE = 25;
    public const ushort GETROUTE = 26;
    public const ushort NEWNEIGH = 28;
    public const ushort DELNEIGH = 29;
    public const ushort GETNEIGH = 30;
    public const ushort NEWRULE = 32;
    public const ushort DELRULE = 33;
    public const ushort GETRULE = 34;

    public const byte RT_TABLE_UNSPEC = 0;
    public const byte RT_TABLE_MAIN = 254;

    public const byte RT_SCOPE_UNIVERSE = 0;
    public const byte RT_SCOPE_NOWHERE = 255;

    public const byte RTN_UNSPEC = 0;

    public const uint RTM_F_CLONED = 0x200;
    public const uint RTNH_F_ONLINK = 4;

    /// <summary>IFLA_EXT_MASK: leave the ~200 bytes of counters out of link replies; we never read them.</summary>
    public const uint RTEXT_FILTER_SKIP_STATS = 1 << 3;

    public static string Name(ushort type) => type switch
    {
        NEWLINK => "RTM_NEWLINK",
        DELLINK => "RTM_DELLINK",
        GETLINK => "RTM_GETLINK",
        NEWADDR => "RTM_NEWADDR",
        DELADDR => "RTM_DELADDR",
        GETADDR => "RTM_GETADDR",
        NEWROUTE => "RTM_NEWROUTE",
        DELROUTE => "RTM_DELROUTE",
        GETROUTE => "RTM_GETROUTE",
        NEWNEIGH => "RTM_NEWNEIGH",
        DELNEIGH => "RTM_DELNEIGH",
        GETNEIGH => "RTM_GETNEIGH",
        NEWRULE => "RTM_NEWRULE",
        DELRULE => "RTM_DELRULE",
        GETRULE => "RTM_GETRULE",
        _ => "RTM_" + type.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>linux/if_link.h + linux/veth.h: link attributes.</summary>
internal static class Ifla
{
    public const ushort ADDRESS = 1;
    public const ushort IFNAME = 3;
    public const ushort MTU = 4;
    public const ushort LINK = 5;
    public const ushort MASTER = 10;
    public const ushort TXQLEN = 13;
    public const ushort OPERSTATE = 16;
    public const ushort LINKINFO = 18;
    public const ushort NET_NS_FD = 28;
    public const ushort EXT_MASK = 29;

    public const ushort INFO_KIND = 1;
    public const ushort INFO_DATA = 2;

    public const ushort VETH_INFO_PEER = 1;

    public const ushort MACVLAN_MODE = 1;
    public const uint MACVLAN_MODE_PRIVATE = 1;
    public const uint MACVLAN_MODE_VEPA = 2;
    public const uint MACVLAN_MODE_BRIDGE = 4;
    public const uint MACVLAN_MODE_PASSTHRU = 8;

    public const uint IFF_UP = 0x1;
    public const uint IFF_RUNNING = 0x40;
}

/// <summary>linux/if_addr.h: address attributes and flags.</summary>
internal static class Ifa
{
    public const ushort ADDRESS = 1;
    public const ushort LOCAL = 2;
    public const ushort FLAGS = 8;

    public const uint F_NODAD = 0x02;
}

/// <summary>linux/rtnetlink.h: route attributes.</summary>
internal static class Rta
{
    public const ushort DST = 1;
    public const ushort OIF = 4;
    public const ushort GATEWAY = 5;
    public const ushort PRIORITY = 6;
    public const ushort PREFSRC = 7;
    public const ushort MULTIPATH = 9;
    public const ushort TABLE = 15;

    /// <summary>struct rtnexthop: len u16, flags u8, hops u8, ifindex i32.</summary>
    public const int RtNextHopSize = 8;
}

/// <summary>linux/fib_rules.h: rule attributes and actions.</summary>
internal static class Fra
{
    public const ushort DST = 1;
    public const ushort SRC = 2;
    public const ushort IIFNAME = 3;
    public const ushort PRIORITY = 6;
    public const ushort FWMARK = 10;
    public const ushort TABLE = 15;
    public const ushort FWMASK = 16;
    public const ushort OIFNAME = 17;

    public const byte FR_ACT_UNSPEC = 0;
    public const byte FR_ACT_TO_TBL = 1;
}

/// <summary>linux/neighbour.h: neighbour attributes.</summary>
internal static class Nda
{
    public const ushort DST = 1;
    public const ushort LLADDR = 2;
    public const ushort IFINDEX = 8;
}
