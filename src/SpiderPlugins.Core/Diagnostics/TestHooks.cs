namespace SpiderPlugins.Core.Diagnostics;

/// <summary>
/// Fault injection for the test suites, inert unless the variables are set: SPIDER_PLUGINS_TEST_STOP_AT=&lt;step&gt;
/// stops the process (SIGSTOP) at that step so a test can SIGKILL it there; SPIDER_PLUGINS_TEST_FAIL_AT=&lt;step&gt;
/// makes the step fail as a kernel error would, to exercise the undo path.
/// </summary>
public static partial class TestHooks
{
    private static readonly string? StopStep = Environment.GetEnvironmentVariable("SPIDER_PLUGINS_TEST_STOP_AT");
    private static readonly string? FailStep = Environment.GetEnvironmentVariable("SPIDER_PLUGINS_TEST_FAIL_AT");

    public static void StopAt(string step)
    {
        if (StopStep is not null && string.Equals(StopStep, step, StringComparison.Ordinal))
        {
            _ = kill(getpid(), 19); // SIGSTOP
        }

        if (FailStep is not null && string.Equals(FailStep, step, StringComparison.Ordinal))
        {
            throw new InjectedFaultException(step);
        }
    }

    [System.Runtime.InteropServices.LibraryImport("libc")]
    private static partial int kill(int pid, int sig);

    [System.Runtime.InteropServices.LibraryImport("libc")]
    private static partial int getpid();
}

/// <summary>The failure SPIDER_PLUGINS_TEST_FAIL_AT asked for.</summary>
public sealed class InjectedFaultException(string step) : Exception($"injected fault at {step}");
