using SpiderPlugins.Cni;
using SpiderPlugins.Netlink;

namespace SpiderPlugins.Plugins.Common;

/// <summary>The pod's network namespace, refused when it is the plugin's own (that would rewire the node).</summary>
public sealed class PodNamespace : IDisposable
{
    private PodNamespace(NetnsHandle handle) => Handle = handle;

    public NetnsHandle Handle { get; }

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

        return new PodNamespace(h);
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

    public void Dispose() => Handle.Dispose();
}
