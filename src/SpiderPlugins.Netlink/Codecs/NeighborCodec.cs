using System.Net;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SpiderPlugins.Netlink.Objects;
using SpiderPlugins.Netlink.Protocol;

namespace SpiderPlugins.Netlink.Codecs;

/// <summary>RTM_*NEIGH requests and the decoding of ndmsg replies.</summary>
internal static class NeighborCodec
{
    public static void WriteSet(NlMessageWriter w, uint seq, Neighbor n)
    {
        w.Start(Rtm.NEWNEIGH, Nl.NLM_F_REQUEST | Nl.NLM_F_ACK | Nl.NLM_F_CREATE | Nl.NLM_F_REPLACE, seq);
        w.Header(new NdMsg { Family = Family.Of(n.Ip), Index = n.Index, State = n.State });
        w.AttrIp(Nda.DST, n.Ip);
        if (n.Mac.Length > 0)
            w.Attr(Nda.LLADDR, n.Mac);
    }

    public static void WriteDelete(NlMessageWriter w, uint seq, Neighbor n)
    {
        w.Start(Rtm.DELNEIGH, Nl.NLM_F_REQUEST | Nl.NLM_F_ACK, seq);
        w.Header(new NdMsg { Family = Family.Of(n.Ip), Index = n.Index });
        w.AttrIp(Nda.DST, n.Ip);
    }

    /// <summary>
    /// Dump; under strict checking the kernel wants ndm_ifindex zero and the device in NDA_IFINDEX instead.
    /// </summary>
    public static void WriteDump(NlMessageWriter w, uint seq, byte family, int index)
    {
        w.Start(Rtm.GETNEIGH, Nl.NLM_F_REQUEST | Nl.NLM_F_DUMP, seq);
        w.Header(new NdMsg { Family = family });
        if (index > 0)
            w.AttrU32(Nda.IFINDEX, (uint)index);
    }

    /// <summary>Decodes IPv4/IPv6 entries; bridge FDB entries (which an AF_UNSPEC dump also yields) are skipped.</summary>
    public static Neighbor? Decode(ReadOnlySpan<byte> payload)
    {
        int hdr = Nl.Align(Unsafe.SizeOf<NdMsg>());
        if (payload.Length < hdr)
            return null;
        var nd = MemoryMarshal.Read<NdMsg>(payload);
        if (nd.Family != Family.AF_INET && nd.Family != Family.AF_INET6)
            return null;
        IPAddress? ip = null;
        byte[] mac = [];
        var a = new NlAttributeReader(payload[hdr..]);
        while (a.Next())
        {
            switch (a.Type)
            {
                case Nda.DST: ip = a.Ip; break;
                case Nda.LLADDR: mac = a.Value.ToArray(); break;
            }
        }
        return ip is null ? null : new Neighbor { Index = nd.Index, Ip = ip, Mac = mac, State = nd.State };
    }
}
