using System.Net;
using System.Runtime.InteropServices;
using SpiderPlugins.Core.Neighbors.Interop;

namespace SpiderPlugins.Core.Neighbors;

/// <summary>
/// An AF_PACKET socket bound to one interface of the netns of the thread that opened it.
/// Non-blocking: callers wait with <see cref="Libc.Poll"/>.
/// </summary>
internal sealed unsafe class PacketSocket : IDisposable
{
    private readonly PacketSocketHandle _handle;
    private readonly ushort _ethertype;

    private PacketSocket(PacketSocketHandle handle, int ifindex, ushort ethertype)
    {
        _handle = handle;
        Ifindex = ifindex;
        _ethertype = ethertype;
    }

    public int Ifindex { get; }

    internal int Fd => _handle.Fd;

    /// <param name="raw">true: the caller supplies the Ethernet header (SOCK_RAW); false: the kernel builds it (SOCK_DGRAM).</param>
    /// <param name="ethertype">Protocol to send; also the protocol received unless <paramref name="receive"/> is false.</param>
    public static PacketSocket Open(int ifindex, bool raw, ushort ethertype, bool receive)
    {
        // Protocol 0 at socket(): nothing is queued until bind() restricts reception to this interface,
        // so frames from other links never slip in between the two calls.
        var handle = Libc.Socket(Libc.AF_PACKET, (raw ? Libc.SOCK_RAW : Libc.SOCK_DGRAM) | Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC, 0);
        if (handle.IsInvalid)
        {
            var errno = Marshal.GetLastPInvokeError();
            handle.Dispose();
            throw new NeighborDiscoveryException("socket(AF_PACKET)", errno, ifindex, null);
        }

        var socket = new PacketSocket(handle, ifindex, ethertype);
        try
        {
            if (receive)
            {
                int one = 1;
                // Best effort: older kernels lack the option; own frames are filtered by pkttype anyway.
                if (Libc.SetSockOpt(handle, Libc.SOL_PACKET, Libc.PACKET_IGNORE_OUTGOING, &one, sizeof(int)) != 0
                    && Marshal.GetLastPInvokeError() != Libc.ENOPROTOOPT)
                {
                    throw new NeighborDiscoveryException("setsockopt(PACKET_IGNORE_OUTGOING)", Marshal.GetLastPInvokeError(), ifindex, null);
                }
            }

            var sll = Address(ifindex, receive ? ethertype : (ushort)0, default);
            if (Libc.Bind(handle, &sll, sizeof(Libc.SockaddrLl)) != 0)
            {
                throw new NeighborDiscoveryException("bind(AF_PACKET)", Marshal.GetLastPInvokeError(), ifindex, null);
            }

            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends one frame (SOCK_RAW) or payload (SOCK_DGRAM, to <paramref name="destinationMac"/>).</summary>
    public void Send(ReadOnlySpan<byte> data, ReadOnlySpan<byte> destinationMac, IPAddress about)
    {
        var sll = Address(Ifindex, _ethertype, destinationMac);
        fixed (byte* p = data)
        {
            while (true)
            {
                var n = Libc.SendTo(_handle, p, (nuint)data.Length, 0, &sll, sizeof(Libc.SockaddrLl));
                if (n >= 0)
                {
                    if (n != data.Length)
                    {
                        throw new NeighborDiscoveryException("sendto (short write)", 0, Ifindex, about);
                    }

                    return;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno != Libc.EINTR)
                {
                    throw new NeighborDiscoveryException("sendto", errno, Ifindex, about);
                }
            }
        }
    }

    /// <summary>
    /// Reads one queued frame. Returns its length, or -1 when the queue is empty.
    /// Frames we transmitted ourselves are reported through <paramref name="outgoing"/>.
    /// </summary>
    public int TryReceive(Span<byte> buffer, out bool outgoing)
    {
        Libc.SockaddrLl from;
        fixed (byte* p = buffer)
        {
            while (true)
            {
                int fromLen = sizeof(Libc.SockaddrLl);
                var n = Libc.RecvFrom(_handle, p, (nuint)buffer.Length, 0, &from, &fromLen);
                if (n >= 0)
                {
                    outgoing = from.Pkttype == Libc.PACKET_OUTGOING;
                    return (int)n;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno == Libc.EINTR)
                {
                    continue;
                }

                outgoing = false;
                if (errno == Libc.EAGAIN)
                {
                    return -1;
                }

                throw new NeighborDiscoveryException("recvfrom", errno, Ifindex, null);
            }
        }
    }

    public void Dispose() => _handle.Dispose();

    private static Libc.SockaddrLl Address(int ifindex, ushort ethertype, ReadOnlySpan<byte> mac)
    {
        var sll = new Libc.SockaddrLl
        {
            Family = Libc.AF_PACKET,
            Protocol = (ushort)IPAddress.HostToNetworkOrder((short)ethertype),
            Ifindex = ifindex,
            Halen = (byte)mac.Length,
        };
        for (var i = 0; i < mac.Length && i < 8; i++)
        {
            sll.Addr[i] = mac[i];
        }

        return sll;
    }
}
