namespace SpiderPlugins.Netlink.Protocol;

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
