using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace SpiderPlugins.Core.Locking;

/// <summary>
/// The node-wide lock around host-side mutations (host rules, table routes, neighbours). An flock(2) on a file:
/// the kernel drops it when the holder dies, so a plugin killed with SIGKILL never leaves the node locked.
/// The file is opened with open(2) directly: .NET's FileStream takes its own advisory flock on Unix, which made a
/// waiting process fail with a sharing violation instead of waiting.
/// </summary>
public sealed partial class NodeLock : IDisposable
{
    private readonly SafeFileHandle _fd;

    private NodeLock(SafeFileHandle fd) => _fd = fd;

    /// <summary>Waits up to <paramref name="timeout"/>; throws TimeoutException after (callers map that to CNI code 11).</summary>
    public static NodeLock Acquire(string directory, TimeSpan timeout)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "node.lock");
        var fd = open(path, OCreat | ORdWr | OCloexec, 0x180); // 0600
        if (fd.IsInvalid)
        {
            var errno = Marshal.GetLastPInvokeError();
            fd.Dispose();
            throw new IOException($"cannot open node lock {path}: {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        var sw = Stopwatch.StartNew();
        var delay = 1;
        while (flock(fd, LockEx | LockNb) != 0)
        {
            if (sw.Elapsed >= timeout)
            {
                fd.Dispose();
                throw new TimeoutException($"node lock {path} still held by another plugin after {timeout.TotalSeconds:0.#} s");
            }

            // Another plugin process holds it for the length of one ADD or DEL (milliseconds): back off briefly.
            Thread.Sleep(delay);
            delay = Math.Min(delay * 2, 20);
        }

        return new NodeLock(fd);
    }

    public void Dispose() => _fd.Dispose(); // closing the fd releases the flock

    private const int ORdWr = 0x2;
    private const int OCreat = 0x40;
    private const int OCloexec = 0x80000;
    private const int LockEx = 2;
    private const int LockNb = 4;

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial SafeFileHandle open(string path, int flags, int mode);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int flock(SafeFileHandle fd, int operation);
}
