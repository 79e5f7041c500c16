using System.Diagnostics;
using System.Text.Json;

namespace SpiderPlugins.Announce.Tests.Infrastructure;

/// <summary>Test-only `ip` runner: builds the fixture topology and observes kernel state.</summary>
internal static class Ip
{
    public static string Run(params string[] args)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ip {string.Join(' ', args)} exited {process.ExitCode}: {stderr.Trim()}");
        }

        return stdout.Result;
    }

    public static JsonElement Json(params string[] args)
    {
        using var doc = JsonDocument.Parse(Run(["-j", .. args]));
        return doc.RootElement.Clone();
    }

    /// <summary>Polls until <paramref name="condition"/> holds; the deadline only bounds a failing test.</summary>
    public static void WaitUntil(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)((timeout ?? TimeSpan.FromSeconds(10)).TotalSeconds * Stopwatch.Frequency);
        while (!condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"timed out waiting for {what}");
            }

            Thread.Sleep(20);    // poll period, not synchronisation: the loop exits on the condition
        }
    }
}
