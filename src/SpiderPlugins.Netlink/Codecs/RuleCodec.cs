using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SpiderPlugins.Netlink.Objects;
using SpiderPlugins.Netlink.Protocol;

namespace SpiderPlugins.Netlink.Codecs;

/// <summary>RTM_*RULE requests and the decoding of fib_rule_hdr replies.</summary>
internal static class RuleCodec
{
    public static void WriteAdd(NlMessageWriter w, uint seq, Rule r) =>
        Write(w, seq, Rtm.NEWRULE, Nl.NLM_F_REQUEST | Nl.NLM_F_ACK | Nl.NLM_F_CREATE | Nl.NLM_F_EXCL, r, Fra.FR_ACT_TO_TBL);

    /// <summary>The kernel deletes the first rule matching every field given; table 0 means "any action/table".</summary>
    public static void WriteDelete(NlMessageWriter w, uint seq, Rule r) =>
        Write(w, seq, Rtm.DELRULE, Nl.NLM_F_REQUEST | Nl.NLM_F_ACK, r, r.Table != 0 ? Fra.FR_ACT_TO_TBL : Fra.FR_ACT_UNSPEC);

    /// <summary>Strict checking rejects any filter in a rule dump: only the family selects.</summary>
    public static void WriteDump(NlMessageWriter w, uint seq, AddressFamily family)
    {
        w.Start(Rtm.GETRULE, Nl.NLM_F_REQUEST | Nl.NLM_F_DUMP, seq);
        w.Header(new FibRuleHdr { Family = Family.ToLinux(family) });
    }

    public static Rule? Decode(ReadOnlySpan<byte> payload)
    {
        int hdr = Nl.Align(Unsafe.SizeOf<FibRuleHdr>());
        if (payload.Length < hdr)
            return null;
        var frh = MemoryMarshal.Read<FibRuleHdr>(payload);
        AddressFamily family = Family.FromLinux(frh.Family);
        if (family is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
            return null;
        // The kernel omits FRA_PRIORITY for preference 0 (the "local" rule).
        uint priority = 0;
        uint table = frh.Table;
        uint? mark = null, mask = null;
        IPAddress? src = null, dst = null;
        string? iif = null, oif = null;
        var a = new NlAttributeReader(payload[hdr..]);
        while (a.Next())
        {
            switch (a.Type)
            {
                case Fra.PRIORITY: priority = a.U32; break;
                case Fra.TABLE: table = a.U32; break;
                case Fra.FWMARK: mark = a.U32; break;
                case Fra.FWMASK: mask = a.U32; break;
                case Fra.SRC: src = a.Ip; break;
                case Fra.DST: dst = a.Ip; break;
                case Fra.IIFNAME: iif = a.String; break;
                case Fra.OIFNAME: oif = a.String; break;
            }
        }
        return new Rule
        {
            Family = family,
            Priority = priority,
            Src = src is null ? null : new IPNetwork(src, frh.SrcLen),
            Dst = dst is null ? null : new IPNetwork(dst, frh.DstLen),
            Mark = mark,
            Mask = mask,
            IifName = iif,
            OifName = oif,
            Table = table,
        };
    }

    public static string Describe(Rule r)
    {
        var s = new System.Text.StringBuilder();
        if (r.Priority is uint p)
            s.Append("pref ").Append(p).Append(' ');
        s.Append("from ").Append(r.Src?.ToString() ?? "all");
        if (r.Dst is IPNetwork d)
            s.Append(" to ").Append(d);
        if (r.Mark is uint m)
            s.Append(" fwmark 0x").Append(m.ToString("x", System.Globalization.CultureInfo.InvariantCulture));
        if (r.IifName is not null)
            s.Append(" iif ").Append(r.IifName);
        if (r.OifName is not null)
            s.Append(" oif ").Append(r.OifName);
        s.Append(" lookup ").Append(r.Table);
        return s.ToString();
    }

    private static void Write(NlMessageWriter w, uint seq, ushort type, ushort flags, Rule r, byte action)
    {
        byte af = Family.ToLinux(r.Family);
        if (af == Family.AF_UNSPEC)
            throw new ArgumentException("a rule needs IPv4 or IPv6 family", nameof(r));
        CheckFamily(r.Src, r.Family);
        CheckFamily(r.Dst, r.Family);
        w.Start(type, flags, seq);
        w.Header(new FibRuleHdr
        {
            Family = af,
            DstLen = (byte)(r.Dst?.PrefixLength ?? 0),
            SrcLen = (byte)(r.Src?.PrefixLength ?? 0),
            Table = r.Table <= 255 ? (byte)r.Table : Rtm.RT_TABLE_UNSPEC,
            Action = action,
        });
        if (r.Table > 255)
            w.AttrU32(Fra.TABLE, r.Table);
        if (r.Priority is uint p)
            w.AttrU32(Fra.PRIORITY, p);
        if (r.Src is IPNetwork src && src.PrefixLength > 0)
            w.AttrIp(Fra.SRC, src.BaseAddress);
        if (r.Dst is IPNetwork dst && dst.PrefixLength > 0)
            w.AttrIp(Fra.DST, dst.BaseAddress);
        if (r.Mark is uint mark)
            w.AttrU32(Fra.FWMARK, mark);
        if (r.Mask is uint mask)
            w.AttrU32(Fra.FWMASK, mask);
        if (r.IifName is not null)
            w.AttrString(Fra.IIFNAME, r.IifName);
        if (r.OifName is not null)
            w.AttrString(Fra.OIFNAME, r.OifName);
    }

    private static void CheckFamily(IPNetwork? net, AddressFamily family)
    {
        if (net is IPNetwork n && n.BaseAddress.AddressFamily != family)
            throw new ArgumentException($"rule selector {n} is not {family}");
    }
}
