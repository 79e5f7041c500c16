using System.Diagnostics;

namespace SpiderPlugins.Plugins.Tests.Faults;

/// <summary>Reads a process's scheduler state from /proc/&lt;pid&gt;/stat, to see a fault hook's SIGSTOP take effect.</summary>
internal static class ProcessState
{
    /// <summary>'T' (stopped), 'Z' (exited, not yet reaped), ... or null once the PID is gone.</summary>
    public static char? Of(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return null;
        }

        // "pid (comm) S ...": comm may itself contain spaces or parentheses, so the state follows the LAST ')'.
        var close = stat.LastIndexOf(')');
        return close >= 0 && close + 2 < stat.Length ? stat[close + 2] : null;
    }

    /// <summary>True once the process is stopped; false if it ended first. Throws when neither happens in time.</summary>
    public static bool WaitStoppedOrGone(int pid, Func<bool> exited, int timeoutMs = 15000)
    {
        var sw = Stopwatch.StartNew();
        while (sw.ElapsedMilliseconds < timeoutMs)
        {
            var s = Of(pid);
            if (s is 'T' or 't')
            {
                return true;
            }

            if (s is null or 'Z' or 'X' || exited())
            {
                return false;
            }

            Thread.Sleep(2);
        }

        throw new TimeoutException($"pid {pid} neither stopped nor exited within {timeoutMs} ms (state {Of(pid)})");
    }
}
