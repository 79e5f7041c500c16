namespace SpiderPlugins.Netlink.Protocol;

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
