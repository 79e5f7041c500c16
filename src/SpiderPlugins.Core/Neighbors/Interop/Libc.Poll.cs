using System.Runtime.InteropServices;

namespace SpiderPlugins.Core.Neighbors.Interop;

/// <summary>poll(2): one wait over the ARP and IPv6 sockets so both families share a deadline.</summary>
internal static unsafe partial class Libc
{
    internal const short POLLIN = 0x1;

    [StructLayout(LayoutKind.Sequential)]
    internal struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    internal static partial int Poll(PollFd* fds, nuint nfds, int timeoutMs);
}
