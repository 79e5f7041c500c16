using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SpiderPlugins.Bench;

/// <summary>
/// The `report` command: merges the harness series (verbs.json), hyperfine's VERSION runs and /usr/bin/time's
/// VERSION peak RSS into results.json, draws latency.svg, and prints the summary table with ratios and goals.
/// </summary>
internal sealed class Report(Options o)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private sealed record Goal(string What, double Limit, double Actual, string Unit)
    {
        public bool Met => Actual <= Limit;
    }

    public int Run()
    {
        var dir = o.Get("dir");
        using var verbsDoc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "verbs.json")));
        var verbs = verbsDoc.RootElement;
        var series = VersionSeries(dir);
        series.AddRange(SeriesJson.ReadAll(verbs.GetProperty("series")));
        var byName = series.ToDictionary(s => s.Name, StringComparer.Ordinal);
        double P50(string name) => Stats.Of(byName[name].Ms).P50;
        double Rss(string name) => Stats.Of(byName[name].RssKb).P50 / 1024.0;

        var ratios = new List<(string What, double Value)>();
        foreach (var verb in new[] { "ADD", "DEL", "VERSION" })
        {
            foreach (var go in new[] { "tuning", "sbr" })
            {
                ratios.Add(($"veth {verb} / {go} {verb} (p50)", P50($"veth {verb}") / P50($"{go} {verb}")));
            }
        }

        ratios.Add(("veth VERSION / macvlan VERSION (median)", P50("veth VERSION") / P50("macvlan VERSION")));
        foreach (var verb in new[] { "ADD", "DEL" })
        {
            foreach (var go in new[] { "tuning", "sbr" })
            {
                ratios.Add(($"veth {verb} / {go} {verb} (peak RSS p50)", Rss($"veth {verb}") / Rss($"{go} {verb}")));
            }
        }

        var chainAdd = P50("macvlan+host-local+veth ADD") - P50("macvlan+host-local ADD");
        var chainDel = P50("macvlan+host-local+veth DEL") - P50("macvlan+host-local DEL");
        var vethAdd = Stats.Of(byName["veth ADD"].Ms);
        var peakRss = new[] { "veth VERSION", "veth ADD", "veth CHECK", "veth DEL" }.Max(Rss);
        var goals = new List<Goal>
        {
            new("veth ADD p50", 4, vethAdd.P50, "ms"),
            new("veth ADD p99", 15, vethAdd.P99, "ms"),
            new("veth DEL p50", 4, P50("veth DEL"), "ms"),
            new("veth VERSION median vs Go macvlan", P50("macvlan VERSION"), P50("veth VERSION"), "ms"),
            new("veth VERSION peak RSS (median)", 5, Rss("veth VERSION"), "MiB"),
            new("veth peak RSS, worst verb (median)", 6, peakRss, "MiB"),
        };

        var svg = Svg.BoxChart($"spider-plugins veth vs Debian Go plugins - {o.Get("kernel")}, {o.Get("cpus")} CPUs",
            series, [(4, "4 ms goal"), (15, "15 ms p99 goal")]);
        File.WriteAllText(Path.Combine(dir, "latency.svg"), svg);
        WriteJson(dir, verbs, series, ratios, goals, chainAdd, chainDel);
        Console.Write(Table(series, ratios, goals, chainAdd, chainDel, verbs));
        return 0;
    }

    /// <summary>VERSION series: hyperfine's per-run times, /usr/bin/time's per-run peak RSS.</summary>
    private static List<Series> VersionSeries(string dir)
    {
        var list = new List<Series>();
        var rss = File.ReadAllLines(Path.Combine(dir, "version-rss.txt"))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(p => p.Length == 2)
            .ToLookup(p => p[0], p => double.Parse(p[1], Inv), StringComparer.Ordinal);
        var byName = new Dictionary<string, Series>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(dir, "version-hyperfine-*.json").Order(StringComparer.Ordinal))
        {
            using var hf = JsonDocument.Parse(File.ReadAllBytes(file));
            foreach (var r in hf.RootElement.GetProperty("results").EnumerateArray())
            {
                var name = r.GetProperty("command").GetString()!;
                if (!byName.TryGetValue(name, out var s))
                {
                    s = new Series(name, "VERSION", "hyperfine -N + /usr/bin/time");
                    s.RssKb.AddRange(rss[name]);
                    byName[name] = s;
                    list.Add(s);
                }

                s.Ms.AddRange(r.GetProperty("times").EnumerateArray().Select(t => t.GetDouble() * 1000));

                // hyperfine reports CPU only as a per-round mean: one CPU sample per round.
                s.CpuMs.Add((r.GetProperty("user").GetDouble() + r.GetProperty("system").GetDouble()) * 1000);
            }
        }

        return list;
    }

    private void WriteJson(string dir, JsonElement verbs, List<Series> series, List<(string What, double Value)> ratios, List<Goal> goals, double chainAdd, double chainDel)
    {
        var binary = o.Get("binary");
        using var stream = File.Create(Path.Combine(dir, "results.json"));
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteStartObject("machine");
        w.WriteString("date_utc", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", Inv));
        w.WriteString("kernel", o.Get("kernel"));
        w.WriteString("os", o.Get("os"));
        w.WriteString("cpus", o.Get("cpus"));
        w.WriteString("loadavg_1_5_15", o.Get("load"));
        w.WriteString("binary", binary);
        w.WriteNumber("binary_bytes", new FileInfo(binary).Length);
        w.WriteString("binary_sha256", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(binary))));
        w.WriteEndObject();
        w.WriteStartObject("method");
        w.WriteNumber("iterations", verbs.GetProperty("iterations").GetInt32());
        w.WriteNumber("rss_iterations", verbs.GetProperty("rss_iterations").GetInt32());
        w.WriteNumber("chain_iterations", verbs.GetProperty("chain_iterations").GetInt32());
        w.WriteString("timing", "wall time posix_spawn..wait4 in the node namespace (harness); VERSION via hyperfine -N");
        w.WriteString("peak_rss", "/usr/bin/time -f %M, separate untimed calls; median of the per-call peaks");
        w.WriteString("percentiles", "nearest rank");
        w.WriteEndObject();
        w.WriteStartArray("series");
        foreach (var s in series)
        {
            SeriesJson.Write(w, s);
        }

        w.WriteEndArray();
        w.WriteStartObject("ratios");
        foreach (var (what, value) in ratios)
        {
            w.WriteNumber(what, Math.Round(value, 3));
        }

        w.WriteEndObject();
        w.WriteStartObject("chain_cost_of_veth_ms");
        w.WriteNumber("ADD_p50", Math.Round(chainAdd, 3));
        w.WriteNumber("DEL_p50", Math.Round(chainDel, 3));
        w.WriteEndObject();
        w.WriteStartArray("goals");
        foreach (var g in goals)
        {
            w.WriteStartObject();
            w.WriteString("goal", g.What);
            w.WriteNumber("limit", Math.Round(g.Limit, 3));
            w.WriteNumber("actual", Math.Round(g.Actual, 3));
            w.WriteString("unit", g.Unit);
            w.WriteBoolean("met", g.Met);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WritePropertyName("leftovers");
        verbs.GetProperty("leftovers").WriteTo(w);
        w.WriteEndObject();
    }

    private string Table(List<Series> series, List<(string What, double Value)> ratios, List<Goal> goals, double chainAdd, double chainDel, JsonElement verbs)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"spider-plugins bench, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {o.Get("os")}, kernel {o.Get("kernel")}, {o.Get("cpus")} CPUs");
        sb.AppendLine(CultureInfo.InvariantCulture, $"binary {o.Get("binary")} ({new FileInfo(o.Get("binary")).Length / 1048576.0:F2} MiB); load average {o.Get("load")}");
        sb.AppendLine("wall times swing with machine load; CPU (user+sys from rusage) is the steadier figure");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{"call",-32} {"n",4} {"p50",8} {"p90",8} {"p99",8} {"max",8}  {"RSS p50",8} {"RSS max",8}  {"CPU p50",8}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"{"",-32} {"",4} {"ms",8} {"ms",8} {"ms",8} {"ms",8}  {"MiB",8} {"MiB",8}  {"ms",8}");
        foreach (var s in series)
        {
            var t = Stats.Of(s.Ms);
            var r = Stats.Of(s.RssKb);
            var c = Stats.Of(s.CpuMs);
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"{s.Name,-32} {t.N,4} {t.P50,8:F2} {t.P90,8:F2} {t.P99,8:F2} {t.Max,8:F2}  {Mib(r.P50),8} {Mib(r.Max),8}  {(c.N == 0 ? "-" : c.P50.ToString("F2", Inv)),8}");
        }

        sb.AppendLine();
        sb.AppendLine("ratios, ours / Go (< 1 means veth is faster or smaller):");
        foreach (var (what, value) in ratios)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {what,-44} {value,6:F2}");
        }

        sb.AppendLine(CultureInfo.InvariantCulture, $"veth's share of the chain (p50 difference with/without veth): ADD {chainAdd:F1} ms, DEL {chainDel:F1} ms");
        sb.AppendLine();
        sb.AppendLine("goals:");
        foreach (var g in goals)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  [{(g.Met ? " ok " : "MISS")}] {g.What,-38} {g.Actual,8:F2} {g.Unit} (limit {g.Limit:F2} {g.Unit})");
        }

        var leftovers = verbs.GetProperty("leftovers");
        sb.AppendLine(leftovers.EnumerateObject().Any()
            ? $"LEFTOVERS in the bench namespaces after the run: {leftovers.GetRawText()}"
            : "no kernel objects left behind in the node or pod namespace");
        return sb.ToString();
    }

    private static string Mib(double kb) => double.IsNaN(kb) ? "-" : (kb / 1024.0).ToString("F2", Inv);
}
