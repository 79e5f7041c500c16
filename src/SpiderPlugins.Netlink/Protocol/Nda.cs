namespace SpiderPlugins.Netlink.Protocol;

/// <summary>linux/neighbour.h: neighbour attributes.</summary>
internal static class Nda
{
    public const ushort DST = 1;
    public const ushort LLADDR = 2;
    public const ushort IFINDEX = 8;
}
