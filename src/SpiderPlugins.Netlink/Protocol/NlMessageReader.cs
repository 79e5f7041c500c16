using System.Runtime.InteropServices;

namespace SpiderPlugins.Netlink.Protocol;

/// <summary>Iterates the netlink messages packed in one received datagram.</summary>
internal ref struct NlMessageReader
{
    private ReadOnlySpan<byte> _rest;

    public NlMessageReader(ReadOnlySpan<byte> datagram)
    {
        _rest = datagram;
        Type = 0;
        Flags = 0;
        Seq = 0;
        Pid = 0;
        Payload = default;
    }

    public ushort Type { get; private set; }
    public ushort Flags { get; private set; }
    public uint Seq { get; private set; }
    public uint Pid { get; private set; }

    /// <summary>Everything after nlmsghdr.</summary>
    public ReadOnlySpan<byte> Payload { get; private set; }

    public bool Next()
    {
        if (_rest.Length < Nl.HeaderSize)
            return false;
        uint len = MemoryMarshal.Read<uint>(_rest);
        if (len < Nl.HeaderSize || len > (uint)_rest.Length)
            return false;
        Type = MemoryMarshal.Read<ushort>(_rest[4..]);
        Flags = MemoryMarshal.Read<ushort>(_rest[6..]);
        Seq = MemoryMarshal.Read<uint>(_rest[8..]);
        Pid = MemoryMarshal.Read<uint>(_rest[12..]);
        Payload = _rest[Nl.HeaderSize..(int)len];
        int advance = Math.Min(Nl.Align((int)len), _rest.Length);
        _rest = _rest[advance..];
        return true;
    }

    /// <summary>
    /// Decodes an NLMSG_ERROR (or the int of an NLMSG_DONE): the positive errno (0 for an ACK) and, if the kernel
    /// attached an extended ack, its message text.
    /// </summary>
    public static int ParseError(ReadOnlySpan<byte> payload, ushort flags, bool isDone, out string? kernelMessage)
    {
        kernelMessage = null;
        if (payload.Length < 4)
            return 0;
        int err = -MemoryMarshal.Read<int>(payload);
        if ((flags & Nl.NLM_F_ACK_TLVS) == 0)
            return err;
        int tlvStart;
        if (isDone)
        {
            tlvStart = 4;
        }
        else
        {
            // int error, then the offending request's nlmsghdr, plus its payload unless the ack was capped.
            if (payload.Length < 4 + Nl.HeaderSize)
                return err;
            int origLen = (int)MemoryMarshal.Read<uint>(payload[4..]);
            tlvStart = 4 + ((flags & Nl.NLM_F_CAPPED) != 0 ? Nl.HeaderSize : Nl.Align(origLen));
        }
        if (tlvStart >= payload.Length)
            return err;
        var attrs = new NlAttributeReader(payload[tlvStart..]);
        while (attrs.Next())
        {
            if (attrs.Type == Nl.NLMSGERR_ATTR_MSG)
            {
                string text = attrs.String.TrimEnd();
                kernelMessage = text.Length == 0 ? null : text;
            }
        }
        return err;
    }
}
