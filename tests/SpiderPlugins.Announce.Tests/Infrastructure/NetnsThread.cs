using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace SpiderPlugins.Announce.Tests.Infrastructure;

/// <summary>Runs code on a fresh thread that has joined a named netns; the thread dies afterwards.</summary>
internal static partial class NetnsThread
{
    private const int CLONE_NEWNET = 0x40000000;

    public static T Run<T>(string netns, Func<T> fn)
    {
        using var nsFd = File.OpenHandle($"/run/netns/{netns}", FileMode.Open, FileAccess.Read);
        var outer = CurrentNetnsId();
        T result = default!;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                if (SetNs(nsFd, CLONE_NEWNET) != 0)
                {
                    throw new InvalidOperationException($"setns({netns}) failed: errno {Marshal.GetLastPInvokeError()}");
                }

                // Never let test code touch the outer namespace because setns silently did nothing.
                if (CurrentNetnsId() == outer)
                {
                    throw new InvalidOperationException($"thread is still in the outer netns after setns({netns})");
                }

                result = fn();
            }
            catch (Exception e)
            {
                error = e;
            }
        }) { IsBackground = true, Name = $"netns {netns}" };
        thread.Start();
        thread.Join();
        if (error is not null)
        {
            throw new AggregateException($"failure inside netns {netns}", error);
        }

        return result;
    }

    public static void Run(string netns, Action fn) => Run(netns, () =>
    {
        fn();
        return 0;
    });

    private static string CurrentNetnsId() => new FileInfo("/proc/thread-self/ns/net").LinkTarget!;

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNs(SafeFileHandle fd, int nstype);
}
