namespace SpiderPlugins.Core.Neighbors;

/// <summary>Ethernet protocol numbers used on the wire (host order here; written big-endian).</summary>
public static class EtherType
{
    public const ushort Ipv4 = 0x0800;
    public const ushort Arp = 0x0806;
    public const ushort Ipv6 = 0x86DD;
}
