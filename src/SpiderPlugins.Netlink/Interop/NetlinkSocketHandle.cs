using System.Runtime.InteropServices;

namespace SpiderPlugins.Netlink.Interop;

/// <summary>Owns the fd of a netlink socket so it is closed exactly once, even if the owner is never disposed.</summary>
internal sealed class NetlinkSocketHandle : SafeHandle
{
    public NetlinkSocketHandle(int fd) : base(-1, ownsHandle: true) => SetHandle(fd);

    public override bool IsInvalid => handle == -1;

    public int Fd => (int)handle;

    protected override bool ReleaseHandle() => Libc.close((int)handle) == 0;
}
