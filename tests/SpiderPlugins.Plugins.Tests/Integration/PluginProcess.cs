using System.Diagnostics;
using System.Text;

namespace SpiderPlugins.Plugins.Tests.Integration;

/// <summary>The shipped binary, exec'd as a runtime does: env, stdin, stdout, exit code.</summary>
internal static class PluginProcess
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr);

    /// <summary>bin/spider-plugins, from SPIDER_PLUGINS_BIN (set by `make test`) or the repository's bin/.</summary>
    public static string Binary
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("SPIDER_PLUGINS_BIN");
            if (!string.IsNullOrEmpty(env))
            {
                return env;
            }

            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "spider-plugins.sln")))
            {
                dir = dir.Parent;
            }

            return Path.Combine(dir?.FullName ?? ".", "bin", "spider-plugins");
        }
    }

    /// <summary>The plugin as installed in a CNI bin dir: a link named after the plugin.</summary>
    public static string Plugin(string name) => Path.Combine(Path.GetDirectoryName(Binary)!, name);

    /// <summary>Runs the plugin inside <paramref name="nodeNs"/> (the namespace that plays the node).</summary>
    public static Outcome Run(string? nodeNs, string exe, IDictionary<string, string> env, string stdin, int timeoutMs = 20000)
    {
        var psi = nodeNs is null ? new ProcessStartInfo(exe) : new ProcessStartInfo("ip");
        if (nodeNs is not null)
        {
            foreach (var a in (string[])["netns", "exec", nodeNs, exe])
            {
                psi.ArgumentList.Add(a);
            }
        }

        psi.RedirectStandardInput = true;
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.UseShellExecute = false;
        foreach (var k in psi.Environment.Keys.Where(k => k.StartsWith("CNI_", StringComparison.Ordinal)).ToList())
        {
            psi.Environment.Remove(k);
        }

        foreach (var (k, v) in env)
        {
            psi.Environment[k] = v;
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardInput.Write(stdin);
        p.StandardInput.Close();
        if (!p.WaitForExit(timeoutMs))
        {
            p.Kill();
            throw new TimeoutException($"{exe} did not exit within {timeoutMs} ms");
        }

        return new Outcome(p.ExitCode, stdout.Result, stderr.Result);
    }

    public static string Utf8(byte[] b) => Encoding.UTF8.GetString(b);
}
