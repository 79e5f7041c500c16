using System.Runtime.InteropServices;

namespace SpiderPlugins.Netlink.Interop;

/// <summary>setns(2): moves only the calling thread into another namespace.</summary>
internal static partial class Libc
{
    public const int CLONE_NEWNET = 0x40000000;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int setns(int fd, int nstype);
}
