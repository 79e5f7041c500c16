using SpiderPlugins.Cni;
using SpiderPlugins.Netlink;

namespace SpiderPlugins.Plugins.Common;

/// <summary>Maps failures to CNI error codes: contention is "try again later" (11), kernel errors are 999 with errno text.</summary>
public static class Errors
{
    public static CniException From(Exception e) => e switch
    {
        CniException c => c,
        TimeoutException t => new CniException(CniErrorCode.TryAgainLater, t.Message),
        NetlinkException { Errno: 16 or 11 } n => new CniException(CniErrorCode.TryAgainLater, n.Message), // EBUSY, EAGAIN
        NetlinkException n => new CniException(CniErrorCode.Internal, n.Message),
        _ => new CniException(CniErrorCode.Internal, e.Message, null, e),
    };
}
