using System.Net;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SpiderPlugins.Netlink.Objects;
using SpiderPlugins.Netlink.Protocol;

namespace SpiderPlugins.Netlink.Codecs;

/// <summary>RTM_*ADDR requests and the decoding of ifaddrmsg replies.</summary>
internal static class AddressCodec
{
    public static void WriteAdd(NlMessageWriter w, uint seq, int index, IPAddress ip, int prefixLength, bool noDad)
    {
        byte flags = noDad ? (byte)Ifa.F_NODAD : (byte)0;
        w.Start(Rtm.NEWADDR, Nl.NLM_F_REQUEST | Nl.NLM_F_ACK | Nl.NLM_F_CREATE | Nl.NLM_F_EXCL, seq);
        w.Header(new IfAddrMsg { Family = Family.Of(ip), PrefixLen = Prefix(ip, prefixLength), Flags = flags, Index = index });
        // IFA_LOCAL is the interface's own address, IFA_ADDRESS the prefix/peer: equal for a non point-to-point link.
        w.AttrIp(Ifa.LOCAL, ip);
        w.AttrIp(Ifa.ADDRESS, ip);
        if (noDad)
            w.AttrU32(Ifa.FLAGS, Ifa.F_NODAD);
    }

    public static void WriteDelete(NlMessageWriter w, uint seq, int index, IPAddress ip, int prefixLength)
    {
        w.Start(Rtm.DELADDR, Nl.NLM_F_REQUEST | Nl.NLM_F_ACK, seq);
        w.Header(new IfAddrMsg { Family = Family.Of(ip), PrefixLen = Prefix(ip, prefixLength), Index = index });
        w.AttrIp(Ifa.LOCAL, ip);
        w.AttrIp(Ifa.ADDRESS, ip);
    }

    /// <summary>Dump, filtered by the kernel (strict check) on family and ifa_index.</summary>
    public static void WriteDump(NlMessageWriter w, uint seq, byte family, int index)
    {
        w.Start(Rtm.GETADDR, Nl.NLM_F_REQUEST | Nl.NLM_F_DUMP, seq);
        w.Header(new IfAddrMsg { Family = family, Index = index });
    }

    public static Address? Decode(ReadOnlySpan<byte> payload)
    {
        int hdr = Nl.Align(Unsafe.SizeOf<IfAddrMsg>());
        if (payload.Length < hdr)
            return null;
        var ifa = MemoryMarshal.Read<IfAddrMsg>(payload);
        if (ifa.Family != Family.AF_INET && ifa.Family != Family.AF_INET6)
            return null;
        IPAddress? local = null, address = null;
        uint flags = ifa.Flags;
        var a = new NlAttributeReader(payload[hdr..]);
        while (a.Next())
        {
            switch (a.Type)
            {
                case Ifa.LOCAL: local = a.Ip; break;
                case Ifa.ADDRESS: address = a.Ip; break;
                case Ifa.FLAGS: flags = a.U32; break;
            }
        }
        IPAddress? ip = local ?? address;
        if (ip is null)
            return null;
        return new Address { Index = ifa.Index, Ip = ip, PrefixLength = ifa.PrefixLen, Scope = ifa.Scope, Flags = flags };
    }

    private static byte Prefix(IPAddress ip, int prefixLength)
    {
        int max = Family.MaxPrefix(ip.AddressFamily);
        if (prefixLength < 0 || prefixLength > max)
            throw new ArgumentOutOfRangeException(nameof(prefixLength), prefixLength, $"must be 0..{max} for {ip}");
        return (byte)prefixLength;
    }
}
