namespace SpiderPlugins.Netlink.Protocol;

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
