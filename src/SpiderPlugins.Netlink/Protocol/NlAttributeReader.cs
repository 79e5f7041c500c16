using System.Net;
using System.Runtime.InteropServices;
using System.Text;

namespace SpiderPlugins.Netlink.Protocol;

/// <summary>
/// Iterates the rtattrs of a payload without allocating: <c>while (r.Next()) switch (r.Type) ...</c>.
/// Stops quietly at a truncated or malformed attribute rather than reading past the message.
/// </summary>
internal ref struct NlAttributeReader
{
    private ReadOnlySpan<byte> _rest;

    public NlAttributeReader(ReadOnlySpan<byte> attributes)
    {
        _rest = attributes;
        Type = 0;
        Value = default;
    }

    /// <summary>Attribute type with NLA_F_NESTED / NLA_F_NET_BYTEORDER stripped.</summary>
    public ushort Type { get; private set; }

    public ReadOnlySpan<byte> Value { get; private set; }

    public bool Next()
    {
        if (_rest.Length < Nl.AttrHeaderSize)
            return false;
        ushort len = MemoryMarshal.Read<ushort>(_rest);
        if (len < Nl.AttrHeaderSize || len > _rest.Length)
            return false;
        Type = (ushort)(MemoryMarshal.Read<ushort>(_rest[2..]) & Nl.NLA_TYPE_MASK);
        Value = _rest[Nl.AttrHeaderSize..len];
        int advance = Math.Min(Nl.Align(len), _rest.Length);
        _rest = _rest[advance..];
        return true;
    }

    public readonly uint U32 => Value.Length >= 4 ? MemoryMarshal.Read<uint>(Value) : 0;

    public readonly byte U8 => Value.Length >= 1 ? Value[0] : (byte)0;

    /// <summary>String attribute, up to the first NUL.</summary>
    public readonly string String
    {
        get
        {
            int nul = Value.IndexOf((byte)0);
            return Encoding.UTF8.GetString(nul >= 0 ? Value[..nul] : Value);
        }
    }

    public readonly IPAddress? Ip => Value.Length is 4 or 16 ? new IPAddress(Value) : null;

    public readonly NlAttributeReader Nested => new(Value);
}
