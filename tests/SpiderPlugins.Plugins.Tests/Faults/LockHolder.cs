using System.Diagnostics;

namespace SpiderPlugins.Plugins.Tests.Faults;

/// <summary>
/// Another process holding the node lock: bash opens &lt;state_dir&gt;/node.lock, takes flock(LOCK_EX) on it and execs
/// `sleep`, so exactly one process (this PID) holds the lock until it is killed, by PID. Disposing kills it.
/// </summary>
internal sealed class LockHolder : IDisposable
{
    private readonly Process _process;

    public LockHolder(string stateDir)
    {
        Directory.CreateDirectory(stateDir);
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in (string[])["-c", "exec 9>>\"$1\" && flock -x 9 && echo locked && exec sleep 600", "holder", Path.Combine(stateDir, "node.lock")])
        {
            psi.ArgumentList.Add(a);
        }

        _process = Process.Start(psi)!;
        var line = _process.StandardOutput.ReadLine(); // returns once the lock is taken (or bash died)
        if (line != "locked")
        {
            Dispose();
            throw new InvalidOperationException("the lock holder could not take the node lock");
        }
    }

    public bool Alive => !_process.HasExited;

    /// <summary>SIGKILL: the kernel drops the flock with the last fd, as when a plugin holding it is killed.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
