using SpiderPlugins.Netlink.Codecs;
using SpiderPlugins.Netlink.Interop;
using SpiderPlugins.Netlink.Objects;
using SpiderPlugins.Netlink.Protocol;

namespace SpiderPlugins.Netlink;

public sealed partial class RtNetlink
{
    private static readonly NlDecoder<Link> DecodeLink = LinkCodec.Decode;

    /// <summary>The link called <paramref name="name"/>, or null when there is none.</summary>
    public Link? GetLink(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        lock (_gate)
        {
            LinkCodec.WriteGet(_nl.Writer, _nl.NextSeq(), name);
            return GetLinkReply(name, 0);
        }
    }

    /// <summary>The link with ifindex <paramref name="index"/>, or null when there is none.</summary>
    public Link? GetLink(int index)
    {
        lock (_gate)
        {
            LinkCodec.WriteGet(_nl.Writer, _nl.NextSeq(), index);
            return GetLinkReply(null, index);
        }
    }

    public IReadOnlyList<Link> ListLinks()
    {
        lock (_gate)
        {
            LinkCodec.WriteDump(_nl.Writer, _nl.NextSeq());
            return Dump(DecodeLink, "dump");
        }
    }

    /// <summary>
    /// Creates a veth pair. With <paramref name="peerNetns"/> the peer is born directly in that namespace (no window in
    /// which it exists here). MACs are optional (random otherwise); <paramref name="mtu"/> 0 keeps the default.
    /// </summary>
    public void CreateVeth(string name, string peerName, NetnsHandle? peerNetns = null, byte[]? mac = null, byte[]? peerMac = null, int mtu = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(peerName);
        CheckMac(mac, nameof(mac));
        CheckMac(peerMac, nameof(peerMac));
        ArgumentOutOfRangeException.ThrowIfNegative(mtu);
        lock (_gate)
        {
            LinkCodec.WriteCreateVeth(_nl.Writer, _nl.NextSeq(), name, peerName, peerNetns?.Fd ?? -1, mac, peerMac, mtu);
            if (_nl.Execute() is int err and not 0)
                throw Error(err, name + " type veth peer " + peerName);
            GC.KeepAlive(peerNetns);
        }
    }

    /// <summary>Creates a macvlan on <paramref name="parentIndex"/>; mode bridge, private, vepa or passthru.</summary>
    public void CreateMacvlan(string name, int parentIndex, string mode = "bridge", NetnsHandle? netns = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        uint m = LinkCodec.MacvlanMode(mode);
        lock (_gate)
        {
            LinkCodec.WriteCreateMacvlan(_nl.Writer, _nl.NextSeq(), name, parentIndex, m, netns?.Fd ?? -1);
            if (_nl.Execute() is int err and not 0)
                throw Error(err, name + " type macvlan mode " + mode + " link " + Ifindex(parentIndex));
            GC.KeepAlive(netns);
        }
    }

    public void CreateBridge(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        lock (_gate)
        {
            LinkCodec.WriteCreateBridge(_nl.Writer, _nl.NextSeq(), name);
            if (_nl.Execute() is int err and not 0)
                throw Error(err, name + " type bridge");
        }
    }

    public void SetUp(int index) => SetFlags(index, Ifla.IFF_UP, "up");

    public void SetDown(int index) => SetFlags(index, 0, "down");

    public void SetMtu(int index, int mtu)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(mtu);
        SetU32(index, Ifla.MTU, (uint)mtu, "mtu");
    }

    public void SetTxQueueLen(int index, int qlen)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(qlen);
        SetU32(index, Ifla.TXQLEN, (uint)qlen, "txqueuelen");
    }

    /// <summary>Enslaves the link to a bridge/bond; 0 releases it.</summary>
    public void SetMaster(int index, int masterIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(masterIndex);
        SetU32(index, Ifla.MASTER, (uint)masterIndex, "master");
    }

    public void SetMac(int index, byte[] mac)
    {
        ArgumentNullException.ThrowIfNull(mac);
        CheckMac(mac, nameof(mac));
        lock (_gate)
        {
            LinkCodec.WriteSetMac(_nl.Writer, _nl.NextSeq(), index, mac);
            if (_nl.Execute() is int err and not 0)
                throw Error(err, Ifindex(index) + " address " + Convert.ToHexString(mac));
        }
    }

    /// <summary>Moves the link into <paramref name="ns"/>; its ifindex there may differ.</summary>
    public void MoveToNetns(int index, NetnsHandle ns)
    {
        ArgumentNullException.ThrowIfNull(ns);
        lock (_gate)
        {
            LinkCodec.WriteSetU32(_nl.Writer, _nl.NextSeq(), index, Ifla.NET_NS_FD, (uint)ns.Fd);
            if (_nl.Execute() is int err and not 0)
                throw Error(err, Ifindex(index) + " netns");
            GC.KeepAlive(ns);
        }
    }

    public void DeleteLink(int index)
    {
        lock (_gate)
        {
            LinkCodec.WriteDelete(_nl.Writer, _nl.NextSeq(), index);
            if (_nl.Execute() is int err and not 0)
                throw Error(err, Ifindex(index));
        }
    }

    /// <summary>
    /// Polls RTM_GETLINK until the link reports IFF_RUNNING. A veth's operstate is updated lazily, and querying it is
    /// what makes the kernel settle it; ARP/NDP/DAD before that point silently fail.
    /// </summary>
    public Link WaitRunning(int index, TimeSpan timeout)
    {
        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        for (int attempt = 0; ; attempt++)
        {
            Link link = GetLink(index) ?? throw new NetlinkException("RTM_GETLINK", Errno.ENODEV, Ifindex(index));
            if (link.IsRunning)
                return link;
            if (Environment.TickCount64 >= deadline)
                throw new TimeoutException($"link {link.Name} ({Ifindex(index)}) not running after {timeout.TotalMilliseconds} ms (flags 0x{link.Flags:x})");
            if (attempt < 10)
                Thread.Yield();
            else
                Thread.Sleep(1);
        }
    }

    private Link? GetLinkReply(string? name, int index)
    {
        int err = _nl.Get(DecodeLink, out Link? link);
        if (err == Errno.ENODEV)
            return null;
        if (err != 0)
            throw Error(err, name ?? Ifindex(index));
        return link;
    }

    private void SetFlags(int index, uint flags, string what)
    {
        lock (_gate)
        {
            LinkCodec.WriteSetFlags(_nl.Writer, _nl.NextSeq(), index, flags, Ifla.IFF_UP);
            if (_nl.Execute() is int err and not 0)
                throw Error(err, Ifindex(index) + " " + what);
        }
    }

    private void SetU32(int index, ushort attr, uint value, string what)
    {
        lock (_gate)
        {
            LinkCodec.WriteSetU32(_nl.Writer, _nl.NextSeq(), index, attr, value);
            if (_nl.Execute() is int err and not 0)
                throw Error(err, Ifindex(index) + " " + what + " " + value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static string Ifindex(int index) => "ifindex " + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void CheckMac(byte[]? mac, string name)
    {
        if (mac is not null && mac.Length != 6)
            throw new ArgumentException($"a MAC address has 6 bytes, not {mac.Length}", name);
    }
}
