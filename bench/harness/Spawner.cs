using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace SpiderPlugins.Bench;

/// <summary>One finished child: exit code, wall time from posix_spawn to wait4, peak RSS and CPU from its rusage.</summary>
internal sealed record Run(int ExitCode, double Ms, long MaxRssKb, double UserMs, double SysMs, string Stdout, string Stderr);

/// <summary>
/// Runs a program the way a container runtime runs a CNI plugin: exec with an environment and a stdin document,
/// wait for it, read stdout. Everything that allocates (argv/envp, stdin) is prepared before the clock starts;
/// the measured interval holds only posix_spawn (clone+exec) .. wait4, the same work a runtime pays per call.
/// </summary>
internal sealed unsafe class Spawner : IDisposable
{
    private readonly MemFd _stdin = new("bench-stdin");
    private readonly MemFd _stdout = new("bench-stdout");
    private readonly MemFd _stderr = new("bench-stderr");

    public static readonly string[] BaseEnv = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"];

    public Run Exec(IReadOnlyList<string> argv, IReadOnlyList<string> env, string stdin = "")
    {
        _stdin.Reset(stdin);
        _stdout.Reset();
        _stderr.Reset();
        var strings = new List<nint>();
        var fa = NativeMemoryAlloc(Native.FileActionsSize);
        var argvBlock = (byte**)NativeMemoryAlloc((argv.Count + 1) * sizeof(nint));
        var envBlock = (byte**)NativeMemoryAlloc((env.Count + 1) * sizeof(nint));
        try
        {
            for (var i = 0; i < argv.Count; i++)
            {
                argvBlock[i] = Utf8(argv[i], strings);
            }

            for (var i = 0; i < env.Count; i++)
            {
                envBlock[i] = Utf8(env[i], strings);
            }

            Must(Native.FileActionsInit(fa), "posix_spawn_file_actions_init");
            Must(Native.FileActionsAddDup2(fa, _stdin.Fd, 0), "adddup2 stdin");
            Must(Native.FileActionsAddDup2(fa, _stdout.Fd, 1), "adddup2 stdout");
            Must(Native.FileActionsAddDup2(fa, _stderr.Fd, 2), "adddup2 stderr");

            var start = Stopwatch.GetTimestamp();
            var rc = Native.PosixSpawn(out var pid, argvBlock[0], fa, null, argvBlock, envBlock);
            if (rc != 0)
            {
                throw new IOException($"posix_spawn {argv[0]} failed: errno {rc}");
            }

            int status;
            Native.Rusage usage;
            while (Native.Wait4(pid, out status, 0, out usage) < 0)
            {
                if (Marshal.GetLastPInvokeError() != 4)
                {
                    throw new IOException($"wait4 failed: errno {Marshal.GetLastPInvokeError()}");
                }
            }

            var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            Native.FileActionsDestroy(fa);
            var exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f);
            return new Run(exit, ms, usage.MaxRssKb, Millis(usage.Utime), Millis(usage.Stime), _stdout.ReadAll(), _stderr.ReadAll());
        }
        finally
        {
            foreach (var s in strings)
            {
                Marshal.FreeHGlobal(s);
            }

            NativeMemoryFree(fa);
            NativeMemoryFree(argvBlock);
            NativeMemoryFree(envBlock);
        }
    }

    /// <summary>Runs a setup command (not measured) and fails loudly when it fails.</summary>
    public string Must(params string[] argv)
    {
        var r = Exec(argv, BaseEnv);
        if (r.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', argv)} exited {r.ExitCode}: {r.Stderr.Trim()}");
        }

        return r.Stdout;
    }

    public void Dispose()
    {
        _stdin.Dispose();
        _stdout.Dispose();
        _stderr.Dispose();
    }

    private static double Millis(Native.Timeval t) => (t.Sec * 1000.0) + (t.Usec / 1000.0);

    private static byte* Utf8(string s, List<nint> owned)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        var p = Marshal.AllocHGlobal(bytes.Length + 1);
        owned.Add(p);
        Marshal.Copy(bytes, 0, p, bytes.Length);
        ((byte*)p)[bytes.Length] = 0;
        return (byte*)p;
    }

    private static void* NativeMemoryAlloc(int size) => System.Runtime.InteropServices.NativeMemory.AllocZeroed((nuint)size);

    private static void NativeMemoryFree(void* p) => System.Runtime.InteropServices.NativeMemory.Free(p);

    private static void Must(int rc, string what)
    {
        if (rc != 0)
        {
            throw new IOException($"{what} failed: errno {rc}");
        }
    }
}
