namespace SpiderPlugins.Netlink.Protocol;

/// <summary>linux/if_addr.h: address attributes and flags.</summary>
internal static class Ifa
{
    public const ushort ADDRESS = 1;
    public const ushort LOCAL = 2;
    public const ushort FLAGS = 8;

    public const uint F_NODAD = 0x02;
}
