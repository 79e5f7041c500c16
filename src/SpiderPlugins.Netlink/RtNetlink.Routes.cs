using System.Net;
using System.Net.Sockets;
using SpiderPlugins.Netlink.Codecs;
using SpiderPlugins.Netlink.Interop;
using SpiderPlugins.Netlink.Objects;
using SpiderPlugins.Netlink.Protocol;

namespace SpiderPlugins.Netlink;

public sealed partial class RtNetlink
{
    private static readonly NlDecoder<Route> DecodeListedRoute = p => RouteCodec.Decode(p, keepCloned: false);
    private static readonly NlDecoder<Route> DecodeResolvedRoute = p => RouteCodec.Decode(p, keepCloned: true);

    /// <summary>Adds a route (NLM_F_EXCL): EEXIST if the same dst/table/metric is there already.</summary>
    public void AddRoute(Route r) => ChangeRoute(r, replace: false);

    /// <summary>Adds or replaces a route (NLM_F_REPLACE).</summary>
    public void ReplaceRoute(Route r) => ChangeRoute(r, replace: true);

    /// <summary>Deletes the route matching family, table, dst and, when given, gateway/oif/metric; ESRCH when absent.</summary>
    public void DeleteRoute(Route r)
    {
        ArgumentNullException.ThrowIfNull(r);
        lock (_gate)
        {
            RouteCodec.WriteDelete(_nl.Writer, _nl.NextSeq(), r);
            if (_nl.Execute() is int err and not 0)
                throw Error(err, RouteCodec.Describe(r));
        }
    }

    /// <summary>Routes of one family (cache clones excluded), optionally of one table; a table that does not exist is empty.</summary>
    public IReadOnlyList<Route> ListRoutes(AddressFamily family, uint? table = null)
    {
        if (family is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
            throw new ArgumentOutOfRangeException(nameof(family), family, "IPv4 or IPv6");
        var list = new List<Route>();
        lock (_gate)
        {
            RouteCodec.WriteDump(_nl.Writer, _nl.NextSeq(), family, table);
            int err = _nl.Dump(DecodeListedRoute, list);
            // With a table filter the kernel answers ENOENT for a table that was never created: nothing in it.
            if (err == Errno.ENOENT && table is not null)
                return [];
            if (err != 0)
                throw Error(err, "dump");
        }
        if (table is uint t)
            list.RemoveAll(r => r.Table != t);
        return list;
    }

    /// <summary>The route the kernel would use for <paramref name="dst"/> (as `ip route get`), with PrefSrc, OutIndex, Gateway, Table.</summary>
    public Route RouteGet(IPAddress dst)
    {
        ArgumentNullException.ThrowIfNull(dst);
        lock (_gate)
        {
            RouteCodec.WriteGet(_nl.Writer, _nl.NextSeq(), dst);
            int err = _nl.Get(DecodeResolvedRoute, out Route? route);
            if (err != 0)
                throw Error(err, dst.ToString());
            return route ?? throw new NetlinkException("RTM_GETROUTE", Errno.EINVAL, dst.ToString(), "unexpected reply");
        }
    }

    private void ChangeRoute(Route r, bool replace)
    {
        ArgumentNullException.ThrowIfNull(r);
        lock (_gate)
        {
            RouteCodec.WriteNew(_nl.Writer, _nl.NextSeq(), r, replace);
            if (_nl.Execute() is int err and not 0)
                throw Error(err, RouteCodec.Describe(r));
        }
    }
}
