using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SpiderPlugins.Netlink.Objects;
using SpiderPlugins.Netlink.Protocol;

namespace SpiderPlugins.Netlink.Codecs;

/// <summary>RTM_*LINK requests and the decoding of ifinfomsg replies.</summary>
internal static class LinkCodec
{
    private const ushort Create = Nl.NLM_F_REQUEST | Nl.NLM_F_ACK | Nl.NLM_F_CREATE | Nl.NLM_F_EXCL;
    private const ushort Change = Nl.NLM_F_REQUEST | Nl.NLM_F_ACK;

    public static void WriteGet(NlMessageWriter w, uint seq, string name)
    {
        w.Start(Rtm.GETLINK, Nl.NLM_F_REQUEST, seq);
        w.Header(new IfInfoMsg());
        w.AttrU32(Ifla.EXT_MASK, Rtm.RTEXT_FILTER_SKIP_STATS);
        w.AttrString(Ifla.IFNAME, name);
    }

    public static void WriteGet(NlMessageWriter w, uint seq, int index)
    {
        w.Start(Rtm.GETLINK, Nl.NLM_F_REQUEST, seq);
        w.Header(new IfInfoMsg { Index = index });
        w.AttrU32(Ifla.EXT_MASK, Rtm.RTEXT_FILTER_SKIP_STATS);
    }

    public static void WriteDump(NlMessageWriter w, uint seq)
    {
        w.Start(Rtm.GETLINK, Nl.NLM_F_REQUEST | Nl.NLM_F_DUMP, seq);
        w.Header(new IfInfoMsg());
        w.AttrU32(Ifla.EXT_MASK, Rtm.RTEXT_FILTER_SKIP_STATS);
    }

    /// <summary>veth pair; the peer can be born directly in another namespace (IFLA_NET_NS_FD inside VETH_INFO_PEER).</summary>
    public static void WriteCreateVeth(NlMessageWriter w, uint seq, string name, string peerName, int peerNetnsFd,
        ReadOnlySpan<byte> mac, ReadOnlySpan<byte> peerMac, int mtu)
    {
        w.Start(Rtm.NEWLINK, Create, seq);
        w.Header(new IfInfoMsg());
        w.AttrString(Ifla.IFNAME, name);
        if (!mac.IsEmpty)
            w.Attr(Ifla.ADDRESS, mac);
        if (mtu > 0)
            w.AttrU32(Ifla.MTU, (uint)mtu);
        int info = w.BeginNested(Ifla.LINKINFO);
        w.AttrString(Ifla.INFO_KIND, "veth");
        int data = w.BeginNested(Ifla.INFO_DATA);
        int peer = w.BeginNested(Ifla.VETH_INFO_PEER);
        w.Header(new IfInfoMsg());
        w.AttrString(Ifla.IFNAME, peerName);
        if (!peerMac.IsEmpty)
            w.Attr(Ifla.ADDRESS, peerMac);
        if (mtu > 0)
            w.AttrU32(Ifla.MTU, (uint)mtu);
        if (peerNetnsFd >= 0)
            w.AttrU32(Ifla.NET_NS_FD, (uint)peerNetnsFd);
        w.EndNested(peer);
        w.EndNested(data);
        w.EndNested(info);
    }

    public static void WriteCreateMacvlan(NlMessageWriter w, uint seq, string name, int parentIndex, uint mode, int netnsFd)
    {
        w.Start(Rtm.NEWLINK, Create, seq);
        w.Header(new IfInfoMsg());
        w.AttrString(Ifla.IFNAME, name);
        w.AttrU32(Ifla.LINK, (uint)parentIndex);
        if (netnsFd >= 0)
            w.AttrU32(Ifla.NET_NS_FD, (uint)netnsFd);
        int info = w.BeginNested(Ifla.LINKINFO);
        w.AttrString(Ifla.INFO_KIND, "macvlan");
        int data = w.BeginNested(Ifla.INFO_DATA);
        w.AttrU32(Ifla.MACVLAN_MODE, mode);
        w.EndNested(data);
        w.EndNested(info);
    }

    public static void WriteCreateBridge(NlMessageWriter w, uint seq, string name)
    {
        w.Start(Rtm.NEWLINK, Create, seq);
        w.Header(new IfInfoMsg());
        w.AttrString(Ifla.IFNAME, name);
        int info = w.BeginNested(Ifla.LINKINFO);
        w.AttrString(Ifla.INFO_KIND, "bridge");
        w.EndNested(info);
    }

    /// <summary>Changes ifi_flags bits selected by <paramref name="change"/> (IFF_UP for up/down).</summary>
    public static void WriteSetFlags(NlMessageWriter w, uint seq, int index, uint flags, uint change)
    {
        w.Start(Rtm.NEWLINK, Change, seq);
        w.Header(new IfInfoMsg { Index = index, Flags = flags, Change = change });
    }

    /// <summary>Sets one u32 link attribute (IFLA_MTU, IFLA_TXQLEN, IFLA_MASTER, IFLA_NET_NS_FD).</summary>
    public static void WriteSetU32(NlMessageWriter w, uint seq, int index, ushort attr, uint value)
    {
        w.Start(Rtm.NEWLINK, Change, seq);
        w.Header(new IfInfoMsg { Index = index });
        w.AttrU32(attr, value);
    }

    public static void WriteSetMac(NlMessageWriter w, uint seq, int index, ReadOnlySpan<byte> mac)
    {
        w.Start(Rtm.NEWLINK, Change, seq);
        w.Header(new IfInfoMsg { Index = index });
        w.Attr(Ifla.ADDRESS, mac);
    }

    public static void WriteDelete(NlMessageWriter w, uint seq, int index)
    {
        w.Start(Rtm.DELLINK, Change, seq);
        w.Header(new IfInfoMsg { Index = index });
    }

    public static uint MacvlanMode(string mode) => mode switch
    {
        "bridge" => Ifla.MACVLAN_MODE_BRIDGE,
        "private" => Ifla.MACVLAN_MODE_PRIVATE,
        "vepa" => Ifla.MACVLAN_MODE_VEPA,
        "passthru" => Ifla.MACVLAN_MODE_PASSTHRU,
        _ => throw new ArgumentException($"unknown macvlan mode '{mode}' (bridge, private, vepa, passthru)", nameof(mode)),
    };

    public static Link? Decode(ReadOnlySpan<byte> payload)
    {
        int hdr = Nl.Align(Unsafe.SizeOf<IfInfoMsg>());
        if (payload.Length < hdr)
            return null;
        var ifi = MemoryMarshal.Read<IfInfoMsg>(payload);
        string? name = null;
        byte[] mac = [];
        int mtu = 0, txq = 0;
        string? kind = null;
        int? parent = null, master = null;
        var a = new NlAttributeReader(payload[hdr..]);
        while (a.Next())
        {
            switch (a.Type)
            {
                case Ifla.IFNAME: name = a.String; break;
                case Ifla.ADDRESS: mac = a.Value.ToArray(); break;
                case Ifla.MTU: mtu = (int)a.U32; break;
                case Ifla.TXQLEN: txq = (int)a.U32; break;
                case Ifla.LINK: parent = (int)a.U32; break;
                case Ifla.MASTER: master = (int)a.U32; break;
                case Ifla.LINKINFO:
                    var info = a.Nested;
                    while (info.Next())
                    {
                        if (info.Type == Ifla.INFO_KIND)
                            kind = info.String;
                    }
                    break;
            }
        }
        if (name is null)
            return null;
        return new Link
        {
            Index = ifi.Index,
            Name = name,
            Flags = ifi.Flags,
            Mac = mac,
            Mtu = mtu,
            TxQueueLen = txq,
            Kind = kind,
            ParentIndex = parent,
            MasterIndex = master,
        };
    }
}
