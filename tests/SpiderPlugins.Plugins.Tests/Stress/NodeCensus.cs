using SpiderPlugins.Plugins.Tests.Integration;

namespace SpiderPlugins.Plugins.Tests.Stress;

/// <summary>
/// Every kind of object the veth plugin can leave on a node, listed so that two censuses compare line by line (an
/// assertion failure then names the leaked object, not just a count): links, table-500 routes per family, policy
/// rules per family, permanent neighbours, and the files under the state directory. node.lock is not counted: it
/// is created once and kept on purpose (deleting it would race with a waiting plugin).
/// </summary>
internal sealed class NodeCensus
{
    private NodeCensus(string[] lines) => Lines = lines;

    public string[] Lines { get; }

    public static NodeCensus Take(NodeBed bed, string table = "500")
    {
        var lines = new List<string>();
        lines.AddRange(Kernel.LinkNames(bed.Node).Order(StringComparer.Ordinal).Select(l => "link " + l));
        lines.AddRange(Kernel.Routes(bed.Node, table).Select(r => $"route4 table {table}: {r}"));
        lines.AddRange(Kernel.Routes(bed.Node, table, v6: true).Select(r => $"route6 table {table}: {r}"));
        lines.AddRange(Kernel.Rules(bed.Node).Select(r => "rule4 " + r));
        lines.AddRange(Kernel.Rules(bed.Node, v6: true).Select(r => "rule6 " + r));
        lines.AddRange(Kernel.PermanentNeighbours(bed.Node).Select(n => "neigh " + n));
        lines.AddRange(StateEntries(bed.StateDir).Select(f => "state " + f));
        return new NodeCensus([.. lines]);
    }

    /// <summary>Files and directories below the state directory (relative), except the lock file.</summary>
    public static string[] StateEntries(string stateDir) =>
        Directory.Exists(stateDir)
            ? Directory.EnumerateFileSystemEntries(stateDir, "*", SearchOption.AllDirectories)
                .Select(p => Path.GetRelativePath(stateDir, p))
                .Where(p => p != "node.lock")
                .Order(StringComparer.Ordinal).ToArray()
            : [];

    /// <summary>The census of <paramref name="bed"/> now must equal <paramref name="expected"/>, object for object.</summary>
    public static void AssertUnchanged(NodeCensus expected, NodeBed bed, string when)
    {
        var now = Take(bed);
        Assert.True(expected.Lines.SequenceEqual(now.Lines), Diff(expected, now, when));
    }

    private static string Diff(NodeCensus expected, NodeCensus actual, string when)
    {
        var leaked = actual.Lines.Except(expected.Lines).ToArray();
        var lost = expected.Lines.Except(actual.Lines).ToArray();
        return $"{when}: node differs. Left behind: [{string.Join("; ", leaked)}]. Missing: [{string.Join("; ", lost)}]";
    }
}
