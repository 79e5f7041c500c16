using System.Text.Json;

namespace SpiderPlugins.Plugins.Tests.Integration;

/// <summary>Kernel state of a namespace as compact, comparable text lines, read with `ip -j`.</summary>
internal static class Kernel
{
    public static string[] Routes(string ns, string table = "main", bool v6 = false)
    {
        var args = new List<string>();
        if (v6)
        {
            args.Add("-6");
        }

        args.AddRange(["route", "show", "table", table]);
        try
        {
            return Ip.Json(ns, [.. args]).EnumerateArray()
                .Where(r => !(r.TryGetProperty("dst", out var d) && d.GetString()!.StartsWith("fe80", StringComparison.Ordinal)))
                .Select(RouteLine).ToArray();
        }
        catch (InvalidOperationException e) when (e.Message.Contains("does not exist", StringComparison.Ordinal))
        {
            return [];
        }
    }

    private static string RouteLine(JsonElement r)
    {
        var s = r.GetProperty("dst").GetString()!;
        if (r.TryGetProperty("gateway", out var gw))
        {
            s += " via " + gw.GetString();
        }

        if (r.TryGetProperty("nexthops", out var hops))
        {
            s += " nexthops " + string.Join(",", hops.EnumerateArray().Select(h => h.GetProperty("gateway").GetString() + "@" + h.GetProperty("dev").GetString()));
        }

        if (r.TryGetProperty("dev", out var dev))
        {
            s += " dev " + dev.GetString();
        }

        if (r.TryGetProperty("metric", out var metric) && metric.GetInt32() is not (0 or 256 or 1024))
        {
            s += " metric " + metric.GetInt32();
        }

        if (r.TryGetProperty("scope", out var scope) && scope.GetString() == "link" && !s.Contains(':', StringComparison.Ordinal))
        {
            s += " scope link";
        }

        return s;
    }

    public static string[] Rules(string ns, bool v6 = false) =>
        Ip.Json(ns, v6 ? ["-6", "rule", "show"] : ["rule", "show"]).EnumerateArray().Select(r =>
        {
            var s = r.GetProperty("priority").GetInt32() + ": from " + r.GetProperty("src").GetString();
            if (r.TryGetProperty("srclen", out var len) && r.GetProperty("src").GetString() != "all")
            {
                s += "/" + len.GetInt32();
            }

            return s + " lookup " + r.GetProperty("table").GetString();
        }).ToArray();

    public static string[] PermanentNeighbours(string ns) =>
        Ip.Json(ns, "neigh", "show", "nud", "permanent").EnumerateArray()
            .Select(n => $"{n.GetProperty("dst").GetString()} dev {n.GetProperty("dev").GetString()} lladdr {n.GetProperty("lladdr").GetString()}")
            .Order(StringComparer.Ordinal).ToArray();

    public static JsonElement? Link(string ns, string name)
    {
        foreach (var l in Ip.Json(ns, "link", "show").EnumerateArray())
        {
            if (l.GetProperty("ifname").GetString() == name)
            {
                return l;
            }
        }

        return null;
    }

    public static string Mac(string ns, string name) => Link(ns, name)!.Value.GetProperty("address").GetString()!;

    public static string[] LinkNames(string ns) =>
        Ip.Json(ns, "link", "show").EnumerateArray().Select(l => l.GetProperty("ifname").GetString()!).ToArray();

    public static string Sysctl(string ns, string key)
    {
        var path = "/proc/sys/net/" + key;
        return Ip.Exec("ip", ["netns", "exec", ns, "cat", path]).Trim();
    }

    public static bool Ping(string fromNs, string ip) =>
        Ip.InNs(fromNs, "ping", "-c", "1", "-W", "1", ip) == 0;
}
