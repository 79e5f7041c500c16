using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SpiderPlugins.Netlink.Objects;
using SpiderPlugins.Netlink.Protocol;

namespace SpiderPlugins.Netlink.Codecs;

/// <summary>RTM_*ROUTE requests and the decoding of rtmsg replies (including RTA_MULTIPATH).</summary>
internal static class RouteCodec
{
    /// <summary>RTM_NEWROUTE with NLM_F_EXCL (add) or NLM_F_REPLACE (replace).</summary>
    public static void WriteNew(NlMessageWriter w, uint seq, Route r, bool replace)
    {
        Validate(r);
        ushort flags = (ushort)(Nl.NLM_F_REQUEST | Nl.NLM_F_ACK | Nl.NLM_F_CREATE | (replace ? Nl.NLM_F_REPLACE : Nl.NLM_F_EXCL));
        w.Start(Rtm.NEWROUTE, flags, seq);
        w.Header(new RtMsg
        {
            Family = Family.ToLinux(r.Family),
            DstLen = (byte)(r.Dst?.PrefixLength ?? 0),
            Table = HeaderTable(r.Table),
            Protocol = r.Protocol,
            Scope = r.Scope,
            Type = r.Type,
            Flags = r.OnLink ? Rtm.RTNH_F_ONLINK : 0,
        });
        WriteTable(w, r.Table);
        WriteDst(w, r.Dst);
        if (r.Gateway is not null)
            w.AttrIp(Rta.GATEWAY, r.Gateway);
        if (r.OutIndex is int oif)
            w.AttrU32(Rta.OIF, (uint)oif);
        if (r.PrefSrc is not null)
            w.AttrIp(Rta.PREFSRC, r.PrefSrc);
        if (r.Metric is uint metric)
            w.AttrU32(Rta.PRIORITY, metric);
        if (r.MultiPath is { Count: > 0 } hops)
        {
            int mp = w.BeginNested(Rta.MULTIPATH);
            for (int i = 0; i < hops.Count; i++)
            {
                NextHop h = hops[i];
                int at = w.BeginNextHop(h.OnLink ? (byte)Rtm.RTNH_F_ONLINK : (byte)0, (byte)(Math.Max((int)h.Weight, 1) - 1), h.OutIndex);
                if (h.Gateway is not null)
                    w.AttrIp(Rta.GATEWAY, h.Gateway);
                w.EndNextHop(at);
            }
            w.EndNested(mp);
        }
    }

    /// <summary>
    /// RTM_DELROUTE matching on family, table, dst and whatever of gateway/oif/metric is given. Scope NOWHERE,
    /// type and protocol 0 are the kernel's wildcards, so a route added with any of those is still found.
    /// </summary>
    public static void WriteDelete(NlMessageWriter w, uint seq, Route r)
    {
        Validate(r);
        w.Start(Rtm.DELROUTE, Nl.NLM_F_REQUEST | Nl.NLM_F_ACK, seq);
        w.Header(new RtMsg
        {
            Family = Family.ToLinux(r.Family),
            DstLen = (byte)(r.Dst?.PrefixLength ?? 0),
            Table = HeaderTable(r.Table),
            Scope = r.Family == AddressFamily.InterNetwork ? Rtm.RT_SCOPE_NOWHERE : Rtm.RT_SCOPE_UNIVERSE,
            Type = Rtm.RTN_UNSPEC,
        });
        WriteTable(w, r.Table);
        WriteDst(w, r.Dst);
        if (r.Gateway is not null)
            w.AttrIp(Rta.GATEWAY, r.Gateway);
        if (r.OutIndex is int oif)
            w.AttrU32(Rta.OIF, (uint)oif);
        if (r.Metric is uint metric)
            w.AttrU32(Rta.PRIORITY, metric);
    }

    /// <summary>Dump of one family; with strict checking the kernel filters on RTA_TABLE and leaves out cache clones.</summary>
    public static void WriteDump(NlMessageWriter w, uint seq, AddressFamily family, uint? table)
    {
        w.Start(Rtm.GETROUTE, Nl.NLM_F_REQUEST | Nl.NLM_F_DUMP, seq);
        w.Header(new RtMsg { Family = Family.ToLinux(family) });
        if (table is uint t)
            w.AttrU32(Rta.TABLE, t);
    }

    /// <summary>RTM_GETROUTE for one destination: the kernel's routing decision, as `ip route get`.</summary>
    public static void WriteGet(NlMessageWriter w, uint seq, IPAddress dst)
    {
        w.Start(Rtm.GETROUTE, Nl.NLM_F_REQUEST, seq);
        w.Header(new RtMsg { Family = Family.Of(dst), DstLen = (byte)Family.MaxPrefix(dst.AddressFamily) });
        w.AttrIp(Rta.DST, dst);
    }

    /// <summary>Decodes a route; cache clones (RTM_F_CLONED) are skipped unless <paramref name="keepCloned"/> (route get).</summary>
    public static Route? Decode(ReadOnlySpan<byte> payload, bool keepCloned)
    {
        int hdr = Nl.Align(Unsafe.SizeOf<RtMsg>());
        if (payload.Length < hdr)
            return null;
        var rtm = MemoryMarshal.Read<RtMsg>(payload);
        AddressFamily family = Family.FromLinux(rtm.Family);
        if (family is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
            return null;
        if (!keepCloned && (rtm.Flags & Rtm.RTM_F_CLONED) != 0)
            return null;
        IPAddress? dst = null, gateway = null, prefSrc = null;
        int? oif = null;
        uint? metric = null;
        uint table = rtm.Table;
        List<NextHop>? hops = null;
        var a = new NlAttributeReader(payload[hdr..]);
        while (a.Next())
        {
            switch (a.Type)
            {
                case Rta.DST: dst = a.Ip; break;
                case Rta.GATEWAY: gateway = a.Ip; break;
                case Rta.PREFSRC: prefSrc = a.Ip; break;
                case Rta.OIF: oif = (int)a.U32; break;
                case Rta.PRIORITY: metric = a.U32; break;
                case Rta.TABLE: table = a.U32; break;
                case Rta.MULTIPATH: hops = DecodeMultipath(a.Value); break;
            }
        }
        // A default route has dst_len 0 (the kernel may or may not send 0.0.0.0 / :: with it): always null.
        IPNetwork? net = rtm.DstLen == 0 || dst is null ? null : new IPNetwork(dst, rtm.DstLen);
        return new Route
        {
            Family = family,
            Dst = net,
            Gateway = gateway,
            OutIndex = oif,
            Table = table,
            Scope = rtm.Scope,
            PrefSrc = prefSrc,
            OnLink = (rtm.Flags & Rtm.RTNH_F_ONLINK) != 0,
            Protocol = rtm.Protocol,
            Metric = metric,
            Type = rtm.Type,
            MultiPath = hops,
        };
    }

    public static string Describe(Route r)
    {
        string dst = r.Dst?.ToString() ?? "default";
        string text = dst + " table " + r.Table.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (r.Gateway is not null)
            text += " via " + r.Gateway;
        if (r.OutIndex is int oif)
            text += " oif " + oif.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return text;
    }

    private static List<NextHop> DecodeMultipath(ReadOnlySpan<byte> value)
    {
        var hops = new List<NextHop>(2);
        while (value.Length >= Rta.RtNextHopSize)
        {
            int len = MemoryMarshal.Read<ushort>(value);
            if (len < Rta.RtNextHopSize || len > value.Length)
                break;
            byte flags = value[2];
            byte hopsField = value[3];
            int ifIndex = MemoryMarshal.Read<int>(value[4..]);
            IPAddress? gw = null;
            var a = new NlAttributeReader(value[Rta.RtNextHopSize..len]);
            while (a.Next())
            {
                if (a.Type == Rta.GATEWAY)
                    gw = a.Ip;
            }
            // rtnh_hops carries weight - 1.
            hops.Add(new NextHop(ifIndex, gw, (byte)(hopsField + 1), (flags & Rtm.RTNH_F_ONLINK) != 0));
            value = value[Math.Min(Nl.Align(len), value.Length)..];
        }
        return hops;
    }

    /// <summary>Tables above 255 do not fit rtm_table: it carries RT_TABLE_UNSPEC and RTA_TABLE has the real id.</summary>
    private static byte HeaderTable(uint table) => table <= 255 ? (byte)table : Rtm.RT_TABLE_UNSPEC;

    private static void WriteTable(NlMessageWriter w, uint table)
    {
        if (table > 255)
            w.AttrU32(Rta.TABLE, table);
    }

    private static void WriteDst(NlMessageWriter w, IPNetwork? dst)
    {
        if (dst is IPNetwork d && d.PrefixLength > 0)
            w.AttrIp(Rta.DST, d.BaseAddress);
    }

    private static void Validate(Route r)
    {
        _ = Family.ToLinux(r.Family);
        if (r.Dst is IPNetwork d && d.BaseAddress.AddressFamily != r.Family)
            throw new ArgumentException($"route dst {d} is not {r.Family}", nameof(r));
        if (r.Gateway is not null && r.Gateway.AddressFamily != r.Family)
            throw new ArgumentException($"route gateway {r.Gateway} is not {r.Family} (RTA_VIA is not supported)", nameof(r));
    }
}
