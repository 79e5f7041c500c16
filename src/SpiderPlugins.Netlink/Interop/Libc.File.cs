using System.Runtime.InteropServices;

namespace SpiderPlugins.Netlink.Interop;

/// <summary>open(2)/fstat(2)/ioctl(2) for namespace files (/run/netns/NAME, /proc/.../ns/net).</summary>
internal static unsafe partial class Libc
{
    public const int O_RDONLY = 0;
    public const int O_CLOEXEC = 0x80000;

    /// <summary>_IO(NSIO=0xb7, 3) from linux/nsfs.h: returns the CLONE_NEW* type of a namespace fd.</summary>
    public const nuint NS_GET_NSTYPE = 0xb703;

    /// <summary>
    /// struct stat is arch-specific, but on every 64-bit Linux ABI .NET supports (x86_64, arm64, riscv64, loongarch64)
    /// it starts with st_dev (8 bytes) then st_ino (8 bytes); we read only those, from a buffer larger than any layout.
    /// </summary>
    public const int StatBufferSize = 256;
    public const int StatInoOffset = 8;

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int open(string path, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int fstat(int fd, void* statbuf);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int ioctl(int fd, nuint request);
}
