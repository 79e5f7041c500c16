namespace SpiderPlugins.Core.Diagnostics;

/// <summary>
/// Fault-injection for the fault suite: with SPIDER_PLUGINS_TEST_STOP_AT=&lt;step&gt; the process stops itself
/// (SIGSTOP) at that step so a test can SIGKILL it there. Inert unless the variable is set.
/// </summary>
public static partial class TestHooks
{
    private static readonly string? StopStep = Environment.GetEnvironmentVariable("SPIDER_PLUGINS_TEST_STOP_AT");

    public static void StopAt(string step)
    {
        if (StopStep is not null && string.Equals(StopStep, step, StringComparison.Ordinal))
        {
            _ = kill(getpid(), 19); // SIGSTOP
        }
    }

    [System.Runtime.InteropServices.LibraryImport("libc")]
    private static partial int kill(int pid, int sig);

    [System.Runtime.InteropServices.LibraryImport("libc")]
    private static partial int getpid();
}
