using System.Net;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace SpiderPlugins.Netlink.Protocol;

/// <summary>
/// Builds one netlink request in a reusable buffer: nlmsghdr, the family's fixed header, then rtattrs (nested ones via
/// <see cref="BeginNested"/>/<see cref="EndNested"/>), every piece padded to 4 bytes as NLMSG_ALIGN/RTA_ALIGN demand.
/// </summary>
internal sealed class NlMessageWriter
{
    private byte[] _buffer;
    private int _length;

    public NlMessageWriter(int initialCapacity = 1024) => _buffer = new byte[initialCapacity];

    /// <summary>The finished message (valid until the next <see cref="Start"/>).</summary>
    public ReadOnlySpan<byte> Message => _buffer.AsSpan(0, _length);

    public int Length => _length;

    public ushort Type => MemoryMarshal.Read<ushort>(_buffer.AsSpan(4));

    /// <summary>Begins a new message; the previous one is discarded.</summary>
    public void Start(ushort type, ushort flags, uint seq)
    {
        _length = 0;
        Span<byte> h = Grow(Nl.HeaderSize);
        MemoryMarshal.Write(h[4..], in type);
        MemoryMarshal.Write(h[6..], in flags);
        MemoryMarshal.Write(h[8..], in seq);
        SetLength();
    }

    /// <summary>Rewrites the sequence number (a retried dump is the same request under a new number).</summary>
    public void SetSeq(uint seq) => MemoryMarshal.Write(_buffer.AsSpan(8), in seq);

    /// <summary>Appends a fixed header (ifinfomsg, rtmsg...) right after nlmsghdr or inside VETH_INFO_PEER.</summary>
    public void Header<T>(in T header) where T : unmanaged
    {
        int size = Unsafe.SizeOf<T>();
        Span<byte> s = Grow(Nl.Align(size));
        MemoryMarshal.Write(s, in header);
        SetLength();
    }

    public void AttrU8(ushort type, byte value) => Attr(type, [value]);

    public void AttrU16(ushort type, ushort value)
    {
        Span<byte> v = stackalloc byte[2];
        MemoryMarshal.Write(v, in value);
        Attr(type, v);
    }

    public void AttrU32(ushort type, uint value)
    {
        Span<byte> v = stackalloc byte[4];
        MemoryMarshal.Write(v, in value);
        Attr(type, v);
    }

    /// <summary>A NUL-terminated string, as IFLA_IFNAME and IFLA_INFO_KIND expect.</summary>
    public void AttrString(ushort type, string value)
    {
        int n = Encoding.UTF8.GetByteCount(value);
        Span<byte> s = AttrSpace(type, n + 1);
        Encoding.UTF8.GetBytes(value, s);
        s[n] = 0;
        SetLength();
    }

    public void AttrIp(ushort type, IPAddress ip)
    {
        Span<byte> v = stackalloc byte[16];
        if (!ip.TryWriteBytes(v, out int written))
            throw new ArgumentException("unwritable IP address", nameof(ip));
        Attr(type, v[..written]);
    }

    public void Attr(ushort type, ReadOnlySpan<byte> value)
    {
        value.CopyTo(AttrSpace(type, value.Length));
        SetLength();
    }

    /// <summary>Opens a nested attribute; returns its offset for <see cref="EndNested"/>.</summary>
    public int BeginNested(ushort type)
    {
        int at = _length;
        AttrSpace(type, 0);
        SetLength();
        return at;
    }

    /// <summary>Closes a nested attribute: its rta_len covers everything appended since <see cref="BeginNested"/>.</summary>
    public void EndNested(int at)
    {
        ushort len = checked((ushort)(_length - at));
        MemoryMarshal.Write(_buffer.AsSpan(at), in len);
    }

    /// <summary>Starts an rtnexthop inside RTA_MULTIPATH; returns its offset for <see cref="EndNextHop"/>.</summary>
    public int BeginNextHop(byte flags, byte hops, int ifIndex)
    {
        int at = _length;
        Span<byte> s = Grow(Rta.RtNextHopSize);
        s[2] = flags;
        s[3] = hops;
        MemoryMarshal.Write(s[4..], in ifIndex);
        SetLength();
        return at;
    }

    public void EndNextHop(int at) => EndNested(at);

    private Span<byte> AttrSpace(ushort type, int valueLength)
    {
        int attrLen = Nl.AttrHeaderSize + valueLength;
        Span<byte> s = Grow(Nl.Align(attrLen));
        ushort len = checked((ushort)attrLen);
        MemoryMarshal.Write(s, in len);
        MemoryMarshal.Write(s[2..], in type);
        return s.Slice(Nl.AttrHeaderSize, valueLength);
    }

    /// <summary>Appends <paramref name="n"/> zeroed bytes (so padding is always zero) and returns them.</summary>
    private Span<byte> Grow(int n)
    {
        if (_length + n > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + n));
        Span<byte> s = _buffer.AsSpan(_length, n);
        s.Clear();
        _length += n;
        return s;
    }

    private void SetLength()
    {
        uint len = (uint)_length;
        MemoryMarshal.Write(_buffer.AsSpan(), in len);
    }
}
