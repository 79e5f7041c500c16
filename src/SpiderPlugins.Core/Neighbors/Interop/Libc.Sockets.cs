using System.Runtime.InteropServices;

namespace SpiderPlugins.Core.Neighbors.Interop;

/// <summary>socket(2) family: AF_PACKET sockets for hand-built ARP and NDP frames.</summary>
internal static unsafe partial class Libc
{
    internal const int AF_PACKET = 17;
    internal const int SOCK_RAW = 3;
    internal const int SOCK_DGRAM = 2;
    internal const int SOCK_NONBLOCK = 0x800;
    internal const int SOCK_CLOEXEC = 0x80000;
    internal const int SOL_PACKET = 263;
    // Linux 4.20+: the kernel stops echoing our own transmissions into the receive queue.
    internal const int PACKET_IGNORE_OUTGOING = 23;
    internal const byte PACKET_OUTGOING = 4;

    internal const int EINTR = 4;
    internal const int EAGAIN = 11;
    internal const int ENOPROTOOPT = 92;

    /// <summary>struct sockaddr_ll (20 bytes). Protocol is in network byte order.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct SockaddrLl
    {
        public ushort Family;
        public ushort Protocol;
        public int Ifindex;
        public ushort Hatype;
        public byte Pkttype;
        public byte Halen;
        public fixed byte Addr[8];
    }

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    internal static partial PacketSocketHandle Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    internal static partial int Bind(PacketSocketHandle fd, SockaddrLl* addr, int addrlen);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    internal static partial int SetSockOpt(PacketSocketHandle fd, int level, int name, int* value, int len);

    [LibraryImport("libc", EntryPoint = "sendto", SetLastError = true)]
    internal static partial nint SendTo(PacketSocketHandle fd, byte* buf, nuint len, int flags, SockaddrLl* addr, int addrlen);

    [LibraryImport("libc", EntryPoint = "recvfrom", SetLastError = true)]
    internal static partial nint RecvFrom(PacketSocketHandle fd, byte* buf, nuint len, int flags, SockaddrLl* addr, int* addrlen);
}
