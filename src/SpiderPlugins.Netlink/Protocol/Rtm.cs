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
