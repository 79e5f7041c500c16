using SpiderPlugins.Netlink.Protocol;

namespace SpiderPlugins.Netlink;

/// <summary>
/// One NETLINK_ROUTE socket, bound for its whole life to the network namespace of the thread that opened it; it can
/// then be used from any thread. Calls are serialised; reuse one instance per namespace for all requests.
/// Every mutating call is acknowledged by the kernel, and a refusal surfaces as <see cref="NetlinkException"/>.
/// </summary>
public sealed partial class RtNetlink : IDisposable
{
    private readonly NetlinkSocket _nl;
    private readonly Lock _gate = new();

    private RtNetlink(NetlinkSocket nl) => _nl = nl;

    /// <summary>Opens a socket in the calling thread's network namespace.</summary>
    public static RtNetlink Open() => new(NetlinkSocket.Open());

    /// <summary>Opens a socket inside <paramref name="ns"/> (on a short-lived thread); the calling thread never moves.</summary>
    public static RtNetlink OpenIn(NetnsHandle ns) => Netns.Run(ns, Open);

    public void Dispose()
    {
        lock (_gate)
            _nl.Dispose();
    }

    internal NetlinkSocket Socket => _nl;

    private List<T> Dump<T>(NlDecoder<T> decode, string target) where T : class
    {
        var list = new List<T>();
        int err = _nl.Dump(decode, list);
        if (err != 0)
            throw Error(err, target);
        return list;
    }

    /// <summary>
    /// A dump request and its decoded replies, minus what <paramref name="drop"/> rejects: the kernel filters
    /// where strict checking lets it, and the same filter is applied here so older kernels answer alike.
    /// </summary>
    private List<T> FilteredDump<T>(Action writeRequest, NlDecoder<T> decode, Predicate<T> drop) where T : class
    {
        List<T> list;
        lock (_gate)
        {
            writeRequest();
            list = Dump(decode, "dump");
        }

        list.RemoveAll(drop);
        return list;
    }

    private NetlinkException Error(int errno, string target) =>
        new(Rtm.Name(_nl.Writer.Type), errno, target, _nl.LastKernelMessage);
}
