using System.Net.Sockets;
using SpiderPlugins.Netlink.Codecs;
using SpiderPlugins.Netlink.Objects;
using SpiderPlugins.Netlink.Protocol;

namespace SpiderPlugins.Netlink;

public sealed partial class RtNetlink
{
    private static readonly NlDecoder<Neighbor> DecodeNeighbor = NeighborCodec.Decode;

    /// <summary>Creates or replaces a neighbour entry with the given state (usually PERMANENT).</summary>
    public void SetNeighbor(Neighbor n)
    {
        ArgumentNullException.ThrowIfNull(n);
        lock (_gate)
        {
            NeighborCodec.WriteSet(_nl.Writer, _nl.NextSeq(), n);
            if (_nl.Execute() is int err and not 0)
                throw Error(err, Describe(n));
        }
    }

    /// <summary>Deletes the entry for (ifindex, ip); ENOENT when absent.</summary>
    public void DeleteNeighbor(Neighbor n)
    {
        ArgumentNullException.ThrowIfNull(n);
        lock (_gate)
        {
            NeighborCodec.WriteDelete(_nl.Writer, _nl.NextSeq(), n);
            if (_nl.Execute() is int err and not 0)
                throw Error(err, Describe(n));
        }
    }

    /// <summary>IPv4/IPv6 neighbours, optionally of one link and/or family (NDA_IFINDEX filter in the dump request).</summary>
    public IReadOnlyList<Neighbor> ListNeighbors(int? index = null, AddressFamily family = AddressFamily.Unspecified)
    {
        byte af = Family.ToLinux(family);
        return FilteredDump(
            () => NeighborCodec.WriteDump(_nl.Writer, _nl.NextSeq(), af, index ?? 0),
            DecodeNeighbor,
            n => (index is int i && n.Index != i) || (family != AddressFamily.Unspecified && n.Ip.AddressFamily != family));
    }

    private static string Describe(Neighbor n) =>
        n.Ip + " dev ifindex " + n.Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
