using SpiderPlugins.Cni;
using SpiderPlugins.Netlink;

namespace SpiderPlugins.Plugins.Common;

/// <summary>
/// The pod's network namespace, refused when it is the plugin's own (that would rewire the node), with one thread
/// parked inside it for the whole call and a netlink socket opened there.
/// </summary>
public sealed class PodNamespace : IDisposable
{
    private PodNamespace(NetnsHandle handle)
    {
        Handle = handle;
        Thread = NetnsThread.Start(handle);
        Netlink = Thread.Run(RtNetlink.Open);
    }

    public NetnsHandle Handle { get; }

    /// <summary>Runs work inside the pod's namespace (sysctls, raw ARP/NDP sockets).</summary>
    public NetnsThread Thread { get; }

    public RtNetlink Netlink { get; }

    public static PodNamespace Open(string path)
    {
        NetnsHandle h;
        try
        {
            h = NetnsHandle.Open(path);
        }
        catch (NetlinkException e)
        {
            throw new CniException(CniErrorCode.InvalidEnvironment, $"CNI_NETNS {path} cannot be opened as a network namespace: {e.Message}");
        }

        using var self = NetnsHandle.OpenCurrent();
        if (h.Inode == self.Inode)
        {
            h.Dispose();
            throw new CniException(CniErrorCode.InvalidEnvironment, $"CNI_NETNS {path} is the plugin's own network namespace");
        }

        try
        {
            return new PodNamespace(h);
        }
        catch
        {
            h.Dispose();
            throw;
        }
    }

    /// <summary>For DEL: null when the path is empty, gone, or not a namespace (after a reboot, or a second DEL).</summary>
    public static PodNamespace? TryOpen(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        try
        {
            return Open(path);
        }
        catch (CniException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        Netlink.Dispose();
        Thread.Dispose();
        Handle.Dispose();
    }
}
