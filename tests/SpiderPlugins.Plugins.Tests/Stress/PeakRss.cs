using System.Globalization;

namespace SpiderPlugins.Plugins.Tests.Stress;

/// <summary>
/// The plugin's peak RSS, as the kernel reports it in the exit rusage (ru_maxrss), read through GNU time
/// (`/usr/bin/time -f %M -o file`) wrapped around the plugin: the test host's Process class reaps its children
/// itself, so a wait4 of our own would race with it.
/// </summary>
internal sealed class PeakRss : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"spt-rss-{Environment.ProcessId}-{Random.Shared.Next(100000, 999999)}");
    private int _n;

    public PeakRss() => Directory.CreateDirectory(_dir);

    /// <summary>A fresh wrapper (with its own output file) for one plugin run.</summary>
    public (string[] Wrapper, string File) Next()
    {
        var file = Path.Combine(_dir, $"{_n++}.kb");
        return (["/usr/bin/time", "-f", "%M", "-o", file], file);
    }

    public static long ReadKb(string file) => long.Parse(File.ReadAllText(file).Trim(), CultureInfo.InvariantCulture);

    public static double Median(IReadOnlyList<long> values)
    {
        var s = values.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[(s.Length / 2) - 1] + s[s.Length / 2]) / 2.0;
    }

    public void Dispose() => Directory.Delete(_dir, true);
}
