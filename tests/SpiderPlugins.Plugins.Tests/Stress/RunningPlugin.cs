using System.Diagnostics;
using SpiderPlugins.Plugins.Tests.Integration;

namespace SpiderPlugins.Plugins.Tests.Stress;

/// <summary>
/// One plugin process started without waiting for it, so tests can run many at once, stop and kill one midway,
/// or watch it wait on a lock. `ip netns exec` execs the plugin in place (no fork), so <see cref="Pid"/> is the
/// plugin itself. Disposing kills it if it is still running: a failed assertion never leaves one behind.
/// </summary>
internal sealed class RunningPlugin : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;
    private readonly Task _stdin;

    private RunningPlugin(Process process, byte[] stdin)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
        _stdin = Task.Run(() =>
        {
            try
            {
                process.StandardInput.BaseStream.Write(stdin);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The plugin may exit before reading all of a hostile stdin (EPIPE); its answer is what we judge.
            }
        });
    }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts <paramref name="exe"/> in <paramref name="nodeNs"/> with exactly <paramref name="env"/> on top of the
    /// test host's environment minus every CNI_* and SPIDER_PLUGINS_TEST_* variable: another test that sets a fault
    /// hook process-wide must not leak it into this plugin. <paramref name="wrapper"/> goes between `ip netns exec`
    /// and the plugin (e.g. /usr/bin/time).
    /// </summary>
    public static RunningPlugin Start(string nodeNs, IReadOnlyDictionary<string, string> env, byte[] stdin,
        string? workDir = null, IEnumerable<string>? wrapper = null, string? exe = null)
    {
        var psi = new ProcessStartInfo("ip")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in (IEnumerable<string>)["netns", "exec", nodeNs, .. wrapper ?? [], exe ?? PluginProcess.Plugin("veth")])
        {
            psi.ArgumentList.Add(a);
        }

        if (workDir is not null)
        {
            psi.WorkingDirectory = workDir;
        }

        foreach (var k in psi.Environment.Keys.Where(k => k.StartsWith("CNI_", StringComparison.Ordinal)
            || k.StartsWith("SPIDER_PLUGINS_TEST_", StringComparison.Ordinal)).ToList())
        {
            psi.Environment.Remove(k);
        }

        foreach (var (k, v) in env)
        {
            psi.Environment[k] = v;
        }

        return new RunningPlugin(Process.Start(psi)!, stdin);
    }

    /// <summary>Waits for the exit; a plugin still running at the deadline is killed and the test fails.</summary>
    public PluginProcess.Outcome Wait(int timeoutMs = 20000)
    {
        if (!_process.WaitForExit(timeoutMs))
        {
            Kill();
            throw new TimeoutException($"plugin pid {Pid} did not exit within {timeoutMs} ms");
        }

        _process.WaitForExit(); // drains the redirected streams
        _stdin.Wait();
        return new PluginProcess.Outcome(_process.ExitCode, _stdout.Result, _stderr.Result);
    }

    /// <summary>SIGKILL to this process only (by PID), then reaps it.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill();
        }
        catch (InvalidOperationException)
        {
            // already exited
        }

        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }
}
