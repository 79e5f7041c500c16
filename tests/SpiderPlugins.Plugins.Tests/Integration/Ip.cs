using System.Diagnostics;
using System.Text.Json;

namespace SpiderPlugins.Plugins.Tests.Integration;

/// <summary>iproute2 as the tests' eyes and hands on the namespaces they create (never the plugin's).</summary>
internal static class Ip
{
    public static string Run(params string[] args) => Exec("ip", args);

    public static void Ns(string ns, params string[] args) => Exec("ip", ["-n", ns, .. args]);

    public static JsonElement Json(string ns, params string[] args)
    {
        var text = Exec("ip", ["-j", "-n", ns, .. args]);
        return JsonDocument.Parse(text.Length == 0 ? "[]" : text).RootElement;
    }

    /// <summary>Runs a command inside a namespace; returns the exit code (used for reachability probes).</summary>
    public static int InNs(string ns, params string[] cmd)
    {
        var psi = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])["netns", "exec", ns, .. cmd])
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        p.StandardOutput.ReadToEnd();
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        return p.ExitCode;
    }

    public static string Exec(string file, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({p.ExitCode}): {stderr}");
        }

        return stdout.Result;
    }

    /// <summary>Polls until the condition holds or the deadline passes (no fixed sleeps).</summary>
    public static bool Eventually(Func<bool> condition, int timeoutMs = 3000)
    {
        var sw = Stopwatch.StartNew();
        while (sw.ElapsedMilliseconds < timeoutMs)
        {
            if (condition())
            {
                return true;
            }

            Thread.Sleep(10);
        }

        return condition();
    }
}
