using System.Runtime.InteropServices;
using SpiderPlugins.Netlink.Interop;

namespace SpiderPlugins.Netlink;

/// <summary>
/// A kernel refusal: the positive errno, the operation that was refused (e.g. "RTM_NEWROUTE"), what it was about
/// (e.g. "10.0.0.0/8 table 500") and, when the kernel sent an extended ack, its own explanation.
/// </summary>
public sealed class NetlinkException : Exception
{
    public NetlinkException(string operation, int errno, string? target = null, string? kernelMessage = null)
        : base(Format(operation, errno, target, kernelMessage))
    {
        Operation = operation;
        Errno = errno;
        Target = target;
        KernelMessage = kernelMessage;
    }

    /// <summary>Positive errno (EEXIST = 17, ENOENT = 2, ...).</summary>
    public int Errno { get; }

    /// <summary>The request or syscall that failed: "RTM_NEWROUTE", "setns", "open"...</summary>
    public string Operation { get; }

    /// <summary>What the operation was about, for humans; null when there is nothing useful to say.</summary>
    public string? Target { get; }

    /// <summary>NLMSGERR_ATTR_MSG from the extended ack, when the kernel explained itself.</summary>
    public string? KernelMessage { get; }

    /// <summary>Symbolic errno, e.g. "EEXIST".</summary>
    public string ErrnoName => Interop.Errno.Name(Errno);

    /// <summary>The object the operation referred to does not exist (ENOENT, ESRCH, ENODEV, EADDRNOTAVAIL).</summary>
    public bool IsNotFound => Errno is Interop.Errno.ENOENT or Interop.Errno.ESRCH or Interop.Errno.ENODEV or Interop.Errno.EADDRNOTAVAIL;

    /// <summary>The object to be created already exists (EEXIST).</summary>
    public bool IsExists => Errno == Interop.Errno.EEXIST;

    private static string Format(string operation, int errno, string? target, string? kernelMessage)
    {
        string head = string.IsNullOrEmpty(target) ? operation : operation + " " + target;
        string text = head + ": " + Marshal.GetPInvokeErrorMessage(errno) + " (" + Interop.Errno.Name(errno) + ")";
        return string.IsNullOrEmpty(kernelMessage) ? text : text + ": " + kernelMessage;
    }

    /// <summary>Wraps the errno of the P/Invoke that just failed.</summary>
    internal static NetlinkException FromLastError(string operation, string? target = null) =>
        new(operation, Marshal.GetLastPInvokeError(), target);
}
