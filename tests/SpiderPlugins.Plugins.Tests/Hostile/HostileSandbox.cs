namespace SpiderPlugins.Plugins.Tests.Hostile;

/// <summary>
/// The temp root hostile cases run in: fresh, empty state/ and logs/ folders per case (the only places the plugin
/// may write), its working directory cwd/ and TMPDIR tmp/ (where relative paths and temp files would land), and
/// traps: elsewhere/ reached through the directory link link-to-elsewhere and the file link log-link.log. After
/// every case the tree outside state/ and logs/ must be exactly as built.
/// </summary>
internal sealed class HostileSandbox : IDisposable
{
    public HostileSandbox()
    {
        Root = Path.Combine("/tmp", $"spt-hostile-{Environment.ProcessId}-{Random.Shared.Next(100000, 999999)}");
        foreach (var d in (string[])["cwd", "tmp", "elsewhere"])
        {
            Directory.CreateDirectory(Path.Combine(Root, d));
        }

        Directory.CreateSymbolicLink(Path.Combine(Root, "link-to-elsewhere"), Path.Combine(Root, "elsewhere"));
        File.CreateSymbolicLink(Path.Combine(Root, "log-link.log"), Path.Combine(Root, "elsewhere", "target.log"));
        ResetCase();
        Layout = Tree();
        TmpBefore = TmpEntries();
    }

    public string Root { get; }

    public string StateDir => Path.Combine(Root, "state");

    public string LogDir => Path.Combine(Root, "logs");

    public string WorkDir => Path.Combine(Root, "cwd");

    public string TmpDir => Path.Combine(Root, "tmp");

    /// <summary>The tree as built, outside state/ and logs/.</summary>
    public string[] Layout { get; }

    public HashSet<string> TmpBefore { get; }

    public void ResetCase()
    {
        foreach (var d in (string[])[StateDir, LogDir])
        {
            if (Directory.Exists(d))
            {
                Directory.Delete(d, true);
            }

            Directory.CreateDirectory(d);
        }
    }

    /// <summary>Every entry under the root except inside state/ and logs/, links listed with their target and never followed.</summary>
    public string[] Tree()
    {
        var list = new List<string>();
        Walk(Root);
        return [.. list.Order(StringComparer.Ordinal)];

        void Walk(string dir)
        {
            foreach (var e in Directory.EnumerateFileSystemEntries(dir))
            {
                var rel = Path.GetRelativePath(Root, e);
                var info = new FileInfo(e);
                if (info.LinkTarget is { } target)
                {
                    list.Add($"{rel} -> {target}");
                }
                else if (Directory.Exists(e))
                {
                    list.Add(rel + "/");
                    if (e != StateDir && e != LogDir)
                    {
                        Walk(e);
                    }
                }
                else
                {
                    list.Add($"{rel} ({info.Length} bytes)");
                }
            }
        }
    }

    /// <summary>What the state folder holds besides the node lock: a failed call must leave no attachment record.</summary>
    public string[] StateLeftovers() =>
        Directory.EnumerateFileSystemEntries(StateDir, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(StateDir, p)).Where(p => p != "node.lock").ToArray();

    public static HashSet<string> TmpEntries() => Directory.EnumerateFileSystemEntries("/tmp").Select(Path.GetFileName).ToHashSet()!;

    /// <summary>
    /// New entries of /tmp that could be the plugin's. Other test runs and agents share /tmp, so only names a plugin
    /// run could produce count: anything with our words in it, and .NET runtime files carrying one of its PIDs.
    /// (Temp files proper would go to TMPDIR, which is the sandbox's tmp/ and must stay empty.)
    /// </summary>
    public string[] SuspiciousTmpEntries(IReadOnlyCollection<int> pluginPids) =>
        TmpEntries().Except(TmpBefore).Where(name =>
            !name.StartsWith("spt-", StringComparison.Ordinal) && (
                name.Contains("veth", StringComparison.OrdinalIgnoreCase) || name.Contains("spider", StringComparison.OrdinalIgnoreCase)
                || name.Contains("state", StringComparison.OrdinalIgnoreCase) || name.Contains("escape", StringComparison.OrdinalIgnoreCase)
                || name.EndsWith(".lock", StringComparison.Ordinal) || name.EndsWith(".json", StringComparison.Ordinal)
                || name.EndsWith(".log", StringComparison.Ordinal)
                || pluginPids.Any(pid => name.Contains($"-{pid}-", StringComparison.Ordinal))))
            .Order(StringComparer.Ordinal).ToArray();

    public void Dispose() => Directory.Delete(Root, true);
}
