using System.Runtime.InteropServices;
using SpiderPlugins.Netlink.Interop;

namespace SpiderPlugins.Netlink;

/// <summary>
/// An open network namespace: the fd of /run/netns/NAME, /proc/PID/ns/net or similar. Holding it keeps the namespace
/// alive; its <see cref="Inode"/> identifies the namespace (two handles to the same namespace have equal inodes).
/// </summary>
public sealed class NetnsHandle : SafeHandle
{
    private NetnsHandle(int fd, ulong inode) : base(-1, ownsHandle: true)
    {
        SetHandle(fd);
        Inode = inode;
    }

    public override bool IsInvalid => handle == -1;

    /// <summary>Namespace identity (st_ino of the nsfs file), as in "net:[4026531840]".</summary>
    public ulong Inode { get; }

    /// <summary>The raw fd, for IFLA_NET_NS_FD and setns. Valid only while this handle is open.</summary>
    public int Fd
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            return (int)handle;
        }
    }

    /// <summary>Opens a namespace file; throws <see cref="NetlinkException"/> (ENOENT when missing, EINVAL when not a netns).</summary>
    public static NetnsHandle Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        int fd = Libc.open(path, Libc.O_RDONLY | Libc.O_CLOEXEC);
        if (fd < 0)
            throw NetlinkException.FromLastError("open", path);
        try
        {
            // A bind-mounted regular file or another namespace type would make setns fail much later, or worse,
            // IFLA_NET_NS_FD would be rejected mid-ADD: refuse it here where the path is still known.
            int type = Libc.ioctl(fd, Libc.NS_GET_NSTYPE);
            if (type < 0)
                throw new NetlinkException("open", Errno.EINVAL, path, "not a namespace file");
            if (type != Libc.CLONE_NEWNET)
                throw new NetlinkException("open", Errno.EINVAL, path, "not a network namespace");
            return new NetnsHandle(fd, InodeOf(fd, path));
        }
        catch
        {
            Libc.close(fd);
            throw;
        }
    }

    /// <summary>The namespace of the calling thread (not of the process: setns is per thread).</summary>
    public static NetnsHandle OpenCurrent() => Open("/proc/thread-self/ns/net");

    /// <summary>The inode of the calling thread's network namespace, without keeping an fd open.</summary>
    internal static ulong CurrentInode()
    {
        using var h = OpenCurrent();
        return h.Inode;
    }

    protected override bool ReleaseHandle() => Libc.close((int)handle) == 0;

    private static unsafe ulong InodeOf(int fd, string path)
    {
        byte* st = stackalloc byte[Libc.StatBufferSize];
        if (Libc.fstat(fd, st) != 0)
            throw NetlinkException.FromLastError("fstat", path);
        return *(ulong*)(st + Libc.StatInoOffset);
    }
}
