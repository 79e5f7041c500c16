using System.Runtime.InteropServices;
using SpiderPlugins.Netlink.Interop;

namespace SpiderPlugins.Netlink.Protocol;

/// <summary>Turns one reply message into an object, or null to skip it (wrong family, cache entry...).</summary>
internal delegate T? NlDecoder<T>(ReadOnlySpan<byte> payload) where T : class;

/// <summary>
/// A NETLINK_ROUTE socket plus the request/reply discipline: one reusable request buffer, one reusable receive buffer,
/// sequence-number matching, ACK/error mapping with extended-ack text, and multi-part dumps retried when the kernel
/// flags them inconsistent. Not thread-safe: <see cref="RtNetlink"/> serialises access.
/// </summary>
internal sealed unsafe class NetlinkSocket : IDisposable
{
    /// <summary>Kernel dump chunks are sized to the reader's buffer, capped near 32 KiB; start there, grow if a message is bigger.</summary>
    private const int InitialReceiveBuffer = 32 * 1024;
    private const int MaxDumpAttempts = 5;
    private static readonly TimeSpan ReceiveTimeout = TimeSpan.FromSeconds(10);

    private readonly NetlinkSocketHandle _handle;
    private readonly uint _portId;
    private byte[] _receive = new byte[InitialReceiveBuffer];
    private uint _seq;

    private NetlinkSocket(NetlinkSocketHandle handle, uint portId, uint firstSeq)
    {
        _handle = handle;
        _portId = portId;
        _seq = firstSeq;
    }

    public NlMessageWriter Writer { get; } = new();

    /// <summary>The kernel's explanation attached to the last error (NLMSGERR_ATTR_MSG), if any.</summary>
    public string? LastKernelMessage { get; private set; }

    /// <summary>How many times the last dump had to be restarted because NLM_F_DUMP_INTR was set (for tests).</summary>
    public int LastDumpRetries { get; private set; }

    /// <summary>Current size of the reusable receive buffer (grows when a datagram would not fit).</summary>
    internal int ReceiveBufferSize
    {
        get => _receive.Length;
        set => _receive = new byte[value];
    }

    /// <summary>Test seam: called with the attempt number after each datagram of a dump is received, before it is decoded.</summary>
    internal Action<int>? DumpDatagramHook { get; set; }

    /// <summary>Opens a socket in the calling thread's network namespace.</summary>
    public static NetlinkSocket Open()
    {
        int fd = Libc.socket(Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, Libc.NETLINK_ROUTE);
        if (fd < 0)
            throw NetlinkException.FromLastError("socket", "AF_NETLINK NETLINK_ROUTE");
        var handle = new NetlinkSocketHandle(fd);
        try
        {
            var sa = new Libc.SockaddrNl { Family = Libc.AF_NETLINK };
            if (Libc.bind(fd, &sa, sizeof(Libc.SockaddrNl)) != 0)
                throw NetlinkException.FromLastError("bind", "AF_NETLINK");
            int saLen = sizeof(Libc.SockaddrNl);
            if (Libc.getsockname(fd, &sa, &saLen) != 0)
                throw NetlinkException.FromLastError("getsockname", "AF_NETLINK");

            SetInt(fd, Libc.SOL_NETLINK, Nl.NETLINK_EXT_ACK, 1, required: false);
            // Acks then carry only the header of our request, not a copy of it.
            SetInt(fd, Libc.SOL_NETLINK, Nl.NETLINK_CAP_ACK, 1, required: false);
            // Lets dumps be filtered by the kernel; without it (old kernels) we filter client-side anyway.
            SetInt(fd, Libc.SOL_NETLINK, Nl.NETLINK_GET_STRICT_CHK, 1, required: false);
            var tv = new Libc.Timeval { Sec = (long)ReceiveTimeout.TotalSeconds };
            if (Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVTIMEO, &tv, sizeof(Libc.Timeval)) != 0)
                throw NetlinkException.FromLastError("setsockopt", "SO_RCVTIMEO");

            // Random first sequence number: replies to a previous owner of a recycled port id can never match.
            return new NetlinkSocket(handle, sa.Pid, (uint)Random.Shared.Next(1, int.MaxValue));
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public uint NextSeq()
    {
        _seq++;
        if (_seq == 0)
            _seq = 1;
        return _seq;
    }

    /// <summary>Sends the request in <see cref="Writer"/> (which must carry NLM_F_ACK) and waits for its ACK: 0 or a positive errno.</summary>
    public int Execute()
    {
        LastKernelMessage = null;
        uint seq = Send();
        while (true)
        {
            var reader = new NlMessageReader(ReceiveDatagram());
            while (reader.Next())
            {
                if (!IsOurs(ref reader, seq) || reader.Type != Nl.NLMSG_ERROR)
                    continue;
                int err = NlMessageReader.ParseError(reader.Payload, reader.Flags, isDone: false, out string? text);
                LastKernelMessage = text;
                return err;
            }
        }
    }

    /// <summary>Sends a non-dump GET (without NLM_F_ACK) and decodes its single reply; 0 or a positive errno.</summary>
    public int Get<T>(NlDecoder<T> decode, out T? result) where T : class
    {
        LastKernelMessage = null;
        result = null;
        uint seq = Send();
        while (true)
        {
            var reader = new NlMessageReader(ReceiveDatagram());
            while (reader.Next())
            {
                if (!IsOurs(ref reader, seq))
                    continue;
                if (reader.Type == Nl.NLMSG_ERROR)
                {
                    int err = NlMessageReader.ParseError(reader.Payload, reader.Flags, isDone: false, out string? text);
                    LastKernelMessage = text;
                    return err;
                }
                result = decode(reader.Payload);
                return 0;
            }
        }
    }

    /// <summary>
    /// Runs the dump request in <see cref="Writer"/> and appends every decoded object to <paramref name="into"/>.
    /// An interrupted dump (the table changed while being walked) is discarded and re-run under a new sequence number.
    /// Returns 0 or a positive errno (EINTR if it never completed consistently).
    /// </summary>
    public int Dump<T>(NlDecoder<T> decode, List<T> into) where T : class
    {
        int start = into.Count;
        for (int attempt = 0; attempt < MaxDumpAttempts; attempt++)
        {
            LastDumpRetries = attempt;
            LastKernelMessage = null;
            into.RemoveRange(start, into.Count - start);
            Writer.SetSeq(NextSeq());
            uint seq = Send();
            bool interrupted = false;
            bool done = false;
            while (!done)
            {
                var reader = new NlMessageReader(ReceiveDatagram());
                DumpDatagramHook?.Invoke(attempt);
                while (reader.Next())
                {
                    if (!IsOurs(ref reader, seq))
                        continue;
                    if ((reader.Flags & Nl.NLM_F_DUMP_INTR) != 0)
                        interrupted = true;
                    if (reader.Type == Nl.NLMSG_DONE || reader.Type == Nl.NLMSG_ERROR)
                    {
                        int err = NlMessageReader.ParseError(reader.Payload, reader.Flags, reader.Type == Nl.NLMSG_DONE, out string? text);
                        if (err != 0)
                        {
                            LastKernelMessage = text;
                            return err;
                        }
                        done = true;
                        break;
                    }
                    T? item = decode(reader.Payload);
                    if (item is not null)
                        into.Add(item);
                }
            }
            if (!interrupted)
                return 0;
        }
        LastKernelMessage = "dump interrupted " + MaxDumpAttempts + " times in a row";
        return Errno.EINTR;
    }

    public void Dispose() => _handle.Dispose();

    private bool IsOurs(ref NlMessageReader reader, uint seq) => reader.Seq == seq && (reader.Pid == _portId || reader.Pid == 0);

    private uint Send()
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        ReadOnlySpan<byte> msg = Writer.Message;
        uint seq = MemoryMarshal.Read<uint>(msg[8..]);
        var kernel = new Libc.SockaddrNl { Family = Libc.AF_NETLINK };
        fixed (byte* p = msg)
        {
            while (true)
            {
                nint n = Libc.sendto(_handle.Fd, p, msg.Length, 0, &kernel, sizeof(Libc.SockaddrNl));
                if (n >= 0)
                    return seq;
                int errno = Marshal.GetLastPInvokeError();
                if (errno != Errno.EINTR)
                    throw new NetlinkException("sendto", errno, Rtm.Name(Writer.Type));
            }
        }
    }

    /// <summary>
    /// Reads one datagram into the reusable buffer. Peeking with MSG_TRUNC first reveals the true size, so a message
    /// larger than the buffer grows it instead of being silently cut; the zero-length read then drops the datagram.
    /// </summary>
    private ReadOnlySpan<byte> ReceiveDatagram()
    {
        while (true)
        {
            nint n;
            fixed (byte* p = _receive)
                n = Libc.recv(_handle.Fd, p, _receive.Length, Libc.MSG_PEEK | Libc.MSG_TRUNC);
            if (n < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno == Errno.EINTR)
                    continue;
                throw new NetlinkException("recv", errno == Errno.EAGAIN ? Errno.ETIMEDOUT : errno, Rtm.Name(Writer.Type));
            }
            if (n > _receive.Length)
            {
                _receive = new byte[(int)((n + 4095) & ~4095)];
                continue;
            }
            while (Libc.recv(_handle.Fd, null, 0, 0) < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno != Errno.EINTR)
                    throw new NetlinkException("recv", errno, Rtm.Name(Writer.Type));
            }
            return _receive.AsSpan(0, (int)n);
        }
    }

    private static void SetInt(int fd, int level, int option, int value, bool required)
    {
        if (Libc.setsockopt(fd, level, option, &value, sizeof(int)) != 0 && required)
            throw NetlinkException.FromLastError("setsockopt", option.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
