using System.Net;
using System.Net.Sockets;
using SpiderPlugins.Netlink.Codecs;
using SpiderPlugins.Netlink.Objects;
using SpiderPlugins.Netlink.Protocol;

namespace SpiderPlugins.Netlink;

public sealed partial class RtNetlink
{
    private static readonly NlDecoder<Address> DecodeAddress = AddressCodec.Decode;

    /// <summary>Adds an address; <paramref name="noDad"/> makes an IPv6 address usable at once (IFA_F_NODAD). EEXIST is thrown.</summary>
    public void AddAddress(int index, IPAddress ip, int prefixLength, bool noDad = false)
    {
        ArgumentNullException.ThrowIfNull(ip);
        lock (_gate)
        {
            AddressCodec.WriteAdd(_nl.Writer, _nl.NextSeq(), index, ip, prefixLength, noDad);
            if (_nl.Execute() is int err and not 0)
                throw Error(err, Describe(index, ip, prefixLength));
        }
    }

    public void DeleteAddress(int index, IPAddress ip, int prefixLength)
    {
        ArgumentNullException.ThrowIfNull(ip);
        lock (_gate)
        {
            AddressCodec.WriteDelete(_nl.Writer, _nl.NextSeq(), index, ip, prefixLength);
            if (_nl.Execute() is int err and not 0)
                throw Error(err, Describe(index, ip, prefixLength));
        }
    }

    /// <summary>Addresses, optionally of one link and/or one family (filtered in the kernel, and again here).</summary>
    public IReadOnlyList<Address> ListAddresses(int? index = null, AddressFamily family = AddressFamily.Unspecified)
    {
        byte af = Family.ToLinux(family);
        return FilteredDump(
            () => AddressCodec.WriteDump(_nl.Writer, _nl.NextSeq(), af, index ?? 0),
            DecodeAddress,
            a => (index is int i && a.Index != i) || (family != AddressFamily.Unspecified && a.Ip.AddressFamily != family));
    }

    private static string Describe(int index, IPAddress ip, int prefixLength) =>
        ip + "/" + prefixLength.ToString(System.Globalization.CultureInfo.InvariantCulture) + " dev ifindex " +
        index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
