namespace SpiderPlugins.Cni;

/// <summary>The CNI spec versions this plugin speaks, and comparisons between them.</summary>
public static class SupportedVersions
{
    /// <summary>The newest version; used when a caller names none (VERSION without stdin, errors before a config exists).</summary>
    public const string Current = "1.1.0";

    /// <summary>Every version we accept in a config and can print a result in, oldest first.</summary>
    public static IReadOnlyList<string> All { get; } = ["0.1.0", "0.2.0", "0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0"];

    public static bool IsSupported(string version)
    {
        foreach (var v in All)
        {
            if (string.Equals(v, version, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Numeric comparison of "major.minor.patch"; a part that is not a number sorts before every number.</summary>
    public static int Compare(string a, string b)
    {
        var pa = a.Split('.');
        var pb = b.Split('.');
        for (var i = 0; i < Math.Max(pa.Length, pb.Length); i++)
        {
            var x = i < pa.Length && int.TryParse(pa[i], out var nx) ? nx : -1;
            var y = i < pb.Length && int.TryParse(pb[i], out var ny) ? ny : -1;
            if (x != y)
            {
                return x.CompareTo(y);
            }
        }

        return 0;
    }

    public static bool AtLeast(string version, string minimum) => Compare(version, minimum) >= 0;

    /// <summary>The result shape a version uses on the wire.</summary>
    internal static ResultShape ShapeOf(string version) =>
        Compare(version, "0.3.0") < 0 ? ResultShape.Legacy
        : Compare(version, "1.0.0") < 0 ? ResultShape.V04
        : Compare(version, "1.1.0") < 0 ? ResultShape.V10
        : ResultShape.V11;

    /// <summary>The list as the error details and the incompatible-version message print it: ["0.1.0","0.2.0",...].</summary>
    internal static string Quoted() => "[" + string.Join(",", All.Select(v => "\"" + v + "\"")) + "]";
}

/// <summary>
/// Result wire shapes: Legacy = 0.1.0/0.2.0 (ip4/ip6), V04 = 0.3.0/0.3.1/0.4.0 (ips[].version), V10 = 1.0.0,
/// V11 = 1.1.0 (interface mtu/socketPath/pciID, route mtu/advmss/priority/table/scope).
/// </summary>
internal enum ResultShape
{
    Legacy,
    V04,
    V10,
    V11,
}
