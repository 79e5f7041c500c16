using System.Runtime.ExceptionServices;
using SpiderPlugins.Netlink.Interop;

namespace SpiderPlugins.Netlink;

/// <summary>
/// Runs code inside another network namespace. setns(2) moves only the calling thread, so each call gets a fresh
/// thread that enters the namespace, runs the code, and dies: no pooled thread is ever left in a foreign namespace.
/// Never await inside <c>fn</c>: a continuation would resume on a pool thread in the original namespace.
/// </summary>
public static class Netns
{
    public static T Run<T>(NetnsHandle ns, Func<T> fn)
    {
        ArgumentNullException.ThrowIfNull(ns);
        ArgumentNullException.ThrowIfNull(fn);
        T result = default!;
        ExceptionDispatchInfo? error = null;
        bool addedRef = false;
        ns.DangerousAddRef(ref addedRef);
        try
        {
            int fd = ns.Fd;
            ulong expected = ns.Inode;
            var thread = new Thread(() =>
            {
                try
                {
                    Enter(fd, expected);
                    result = fn();
                }
                catch (Exception e)
                {
                    error = ExceptionDispatchInfo.Capture(e);
                }
            })
            {
                IsBackground = true,
                Name = "netns",
            };
            thread.Start();
            thread.Join();
        }
        finally
        {
            if (addedRef)
                ns.DangerousRelease();
        }
        error?.Throw();
        return result;
    }

    public static void Run(NetnsHandle ns, Action fn)
    {
        ArgumentNullException.ThrowIfNull(fn);
        Run(ns, () =>
        {
            fn();
            return 0;
        });
    }

    private static void Enter(int fd, ulong expectedInode)
    {
        if (Libc.setns(fd, Libc.CLONE_NEWNET) != 0)
            throw NetlinkException.FromLastError("setns");
        // Acting in the wrong namespace (e.g. the host's) is the one mistake this layer must never make:
        // check what the kernel says this thread is in now, rather than trusting the return code.
        ulong actual = NetnsHandle.CurrentInode();
        if (actual != expectedInode)
            throw new NetlinkException("setns", Errno.EINVAL, null,
                $"thread is in net:[{actual}] after setns, expected net:[{expectedInode}]");
    }
}
