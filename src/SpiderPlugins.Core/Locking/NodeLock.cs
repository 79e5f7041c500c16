using System.Diagnostics;

namespace SpiderPlugins.Core.Locking;

/// <summary>
/// The node-wide lock around host-side mutations (host rules, table routes, neighbours). An flock(2) on a file:
/// the kernel drops it when the holder dies, so a plugin killed with SIGKILL never leaves the node locked.
/// </summary>
public sealed partial class NodeLock : IDisposable
{
    private readonly FileStream _file;

    private NodeLock(FileStream file) => _file = file;

    /// <summary>Waits up to <paramref name="timeout"/>; throws TimeoutException after (callers map that to CNI code 11).</summary>
    public static NodeLock Acquire(string directory, TimeSpan timeout)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "node.lock");
        var fs = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, 1);
        var sw = Stopwatch.StartNew();
        var delay = 1;
        while (!Interop.TryLockExclusive(fs.SafeFileHandle))
        {
            if (sw.Elapsed >= timeout)
            {
                fs.Dispose();
                throw new TimeoutException($"node lock {path} still held by another plugin after {timeout.TotalSeconds:0.#} s");
            }

            // Back off while another plugin process holds it; contention lasts at most one ADD (milliseconds).
            Thread.Sleep(delay);
            delay = Math.Min(delay * 2, 20);
        }

        return new NodeLock(fs);
    }

    public void Dispose() => _file.Dispose(); // closing the fd releases the flock

    private static partial class Interop
    {
        private const int LockEx = 2;
        private const int LockNb = 4;

        [System.Runtime.InteropServices.LibraryImport("libc", SetLastError = true)]
        private static partial int flock(Microsoft.Win32.SafeHandles.SafeFileHandle fd, int operation);

        public static bool TryLockExclusive(Microsoft.Win32.SafeHandles.SafeFileHandle fd) => flock(fd, LockEx | LockNb) == 0;
    }
}
