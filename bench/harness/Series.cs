namespace SpiderPlugins.Bench;

/// <summary>All measured calls of one plugin and verb: wall milliseconds, peak RSS and CPU per call.</summary>
internal sealed class Series(string plugin, string verb, string source)
{
    public string Plugin { get; } = plugin;
    public string Verb { get; } = verb;
    /// <summary>Which tool measured it: "spawn" (harness posix_spawn..wait4), "hyperfine", "time" (/usr/bin/time).</summary>
    public string Source { get; } = source;
    public List<double> Ms { get; } = [];
    public List<double> RssKb { get; } = [];
    public List<double> CpuMs { get; } = [];

    public string Name => $"{Plugin} {Verb}";

    /// <summary>A timed call: wall time and CPU. Its ru_maxrss is not the plugin's (see Measure.RssOf).</summary>
    public void AddTimed(Run r)
    {
        Ms.Add(r.Ms);
        CpuMs.Add(r.UserMs + r.SysMs);
    }

    public void AddRss(long kb) => RssKb.Add(kb);
}
