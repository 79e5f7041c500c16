using System.Diagnostics;
using System.Text.Json;
using SpiderPlugins.Plugins.Tests.Integration;
using SpiderPlugins.Plugins.Tests.Stress;
using Xunit.Abstractions;
using static SpiderPlugins.Plugins.Tests.Integration.NodeBed;

namespace SpiderPlugins.Plugins.Tests.Hostile;

/// <summary>
/// The hostile corpus against one node bed. Every case must end with exactly one CNI error document on stdout
/// carrying its expected code, exit code 1, no crash (exit code below 128, no unhandled or unexpected exception on
/// stderr), within 10 s, without changing any kernel object of the node or the pod, and without writing anything
/// outside the state and log folders. All failing cases are collected and reported together.
/// </summary>
[Collection(HeavyCollection.Name)]
public class HostileInputTests(ITestOutputHelper output)
{
    private const int DeadlineMs = 10000;

    [Fact]
    public void EveryMalformedCallFailsCleanlyWithItsCodeAndChangesNothing()
    {
        using var bed = new NodeBed();
        using var sandbox = new HostileSandbox();
        bed.AddPodNic(HostileContext.Pod, "eth0", "ens192", HostileContext.Dual, GwA4, GwA6);
        var ctx = new HostileContext(bed, sandbox);
        var pod = bed.PodNs(HostileContext.Pod);

        // The unmutated call works: whatever fails below fails because of its mutation.
        var baseline = Run(ctx, new HostileCase("base", 0, ctx.BaseEnv(), ctx.BaseBytes));
        Assert.True(baseline.ExitCode == 0, $"the base ADD failed: {baseline.Stdout} {baseline.Stderr}");
        var del = Run(ctx, new HostileCase("base", 0, ctx.BaseEnv("DEL"), ctx.BaseBytes));
        Assert.True(del.ExitCode == 0, $"the base DEL failed: {del.Stdout} {del.Stderr}");
        Assert.Empty(sandbox.StateLeftovers());

        var nodeBefore = NamespaceSnapshot.Settled(bed.Node, "ens192");
        var podBefore = NamespaceSnapshot.Settled(pod, "eth0");
        var failures = new List<string>();
        var pids = new List<int>();
        var count = 0;
        var total = Stopwatch.StartNew();
        foreach (var c in HostileCorpus.Cases(ctx))
        {
            count++;
            sandbox.ResetCase();
            var problems = Check(ctx, c, pids);
            var node = NamespaceSnapshot.Take(bed.Node, "ens192");
            var podNow = NamespaceSnapshot.Take(pod, "eth0");
            if (!node.SequenceEqual(nodeBefore) || !podNow.SequenceEqual(podBefore))
            {
                problems.Add("node changed: " + Diff(nodeBefore, node));
                problems.Add("pod changed: " + Diff(podBefore, podNow));

                // Undo what the case did (a DEL of its attachment) and start from the new baseline, so that one
                // misbehaving case is reported once instead of in every later one.
                var cleanup = new Dictionary<string, string?>(c.Env) { ["CNI_COMMAND"] = "DEL" };
                cleanup["CNI_CONTAINERID"] ??= HostileContext.ContainerId;
                cleanup["CNI_IFNAME"] ??= "eth0";
                Run(ctx, new HostileCase("cleanup", 0, cleanup, ctx.BaseBytes));
                nodeBefore = NamespaceSnapshot.Settled(bed.Node, "ens192");
                podBefore = NamespaceSnapshot.Settled(pod, "eth0");
            }

            if (problems.Count > 0)
            {
                failures.Add($"[{c.Name}] " + string.Join("; ", problems));
            }
        }

        var tmp = sandbox.SuspiciousTmpEntries(pids);
        output.WriteLine($"{count} hostile cases in {total.Elapsed.TotalSeconds:0.0} s, {failures.Count} failed");
        foreach (var f in failures)
        {
            output.WriteLine(f);
        }

        Assert.True(count >= 200, $"the corpus has only {count} cases");
        Assert.True(tmp.Length == 0, "new entries in /tmp: " + string.Join(", ", tmp));
        Assert.True(failures.Count == 0, $"{failures.Count} of {count} hostile cases misbehaved:\n" + string.Join("\n", failures.Select(f => f.Length > 300 ? f[..300] + "..." : f)));
    }

    private static List<string> Check(HostileContext ctx, HostileCase c, List<int> pids)
    {
        var problems = new List<string>();
        PluginProcess.Outcome o;
        var sw = Stopwatch.StartNew();
        try
        {
            o = Run(ctx, c, pids);
        }
        catch (TimeoutException)
        {
            return [$"no answer within {DeadlineMs} ms (killed)"];
        }

        if (o.ExitCode != 1)
        {
            problems.Add($"exit code {o.ExitCode}{(o.ExitCode >= 128 ? " (killed by a signal: a crash)" : "")}");
        }

        if (o.Stderr.Contains("Unhandled exception", StringComparison.OrdinalIgnoreCase) || o.Stderr.Contains("unexpected exception", StringComparison.Ordinal))
        {
            problems.Add("stderr reports an exception: " + FirstLine(o.Stderr));
        }

        problems.AddRange(ErrorDocumentProblems(o.Stdout, c.Code));
        var tree = ctx.Sandbox.Tree();
        if (!tree.SequenceEqual(ctx.Sandbox.Layout))
        {
            problems.Add("wrote outside the state and log folders: " + Diff(ctx.Sandbox.Layout, tree));
        }

        if (ctx.Sandbox.StateLeftovers() is { Length: > 0 } left)
        {
            problems.Add("left state behind: " + string.Join(", ", left));
        }

        return problems;
    }

    /// <summary>Exactly one JSON document: an object with the expected integer code and a non-empty msg.</summary>
    private static IEnumerable<string> ErrorDocumentProblems(string stdout, int code)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(stdout);
        }
        catch (JsonException e)
        {
            return [$"stdout is not exactly one JSON document ({e.Message}): {Short(stdout)}"];
        }

        using (doc)
        {
            var r = doc.RootElement;
            if (r.ValueKind != JsonValueKind.Object || !r.TryGetProperty("code", out var c) || c.ValueKind != JsonValueKind.Number)
            {
                return [$"stdout is not a CNI error: {Short(stdout)}"];
            }

            var problems = new List<string>();
            if (c.GetInt32() != code)
            {
                problems.Add($"code {c.GetInt32()}, expected {code}: {Short(stdout)}");
            }

            if (!r.TryGetProperty("msg", out var msg) || msg.ValueKind != JsonValueKind.String || msg.GetString()!.Length == 0)
            {
                problems.Add("error without msg: " + Short(stdout));
            }

            return problems;
        }
    }

    private static PluginProcess.Outcome Run(HostileContext ctx, HostileCase c, List<int>? pids = null)
    {
        var env = c.Env.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!);
        env["TMPDIR"] = ctx.Sandbox.TmpDir;
        using var p = RunningPlugin.Start(ctx.Bed.Node, env, c.Stdin, workDir: ctx.Sandbox.WorkDir);
        pids?.Add(p.Pid);
        return p.Wait(DeadlineMs);
    }

    private static string Diff(string[] before, string[] after) =>
        $"+[{string.Join(" | ", after.Except(before))}] -[{string.Join(" | ", before.Except(after))}]";

    private static string FirstLine(string s) => s.Split('\n')[0];

    private static string Short(string s) => s.Length > 300 ? s[..300] + "..." : s;
}
