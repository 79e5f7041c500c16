using System.Text.Json;

namespace SpiderPlugins.Bench;

/// <summary>Series on disk: raw samples (so any statistic can be recomputed) next to the summary statistics.</summary>
internal static class SeriesJson
{
    public static void Write(Utf8JsonWriter w, Series s)
    {
        w.WriteStartObject();
        w.WriteString("name", s.Name);
        w.WriteString("plugin", s.Plugin);
        w.WriteString("verb", s.Verb);
        w.WriteString("source", s.Source);
        WriteStats(w, "ms", Stats.Of(s.Ms));
        if (s.RssKb.Count > 0)
        {
            WriteStats(w, "peak_rss_kb", Stats.Of(s.RssKb));
        }

        if (s.CpuMs.Count > 0)
        {
            WriteStats(w, "cpu_ms", Stats.Of(s.CpuMs));
        }

        WriteArray(w, "samples_ms", s.Ms);
        WriteArray(w, "samples_rss_kb", s.RssKb);
        WriteArray(w, "samples_cpu_ms", s.CpuMs);
        w.WriteEndObject();
    }

    public static List<Series> ReadAll(JsonElement array)
    {
        var list = new List<Series>();
        foreach (var e in array.EnumerateArray())
        {
            var s = new Series(e.GetProperty("plugin").GetString()!, e.GetProperty("verb").GetString()!, e.GetProperty("source").GetString()!);
            Fill(s.Ms, e, "samples_ms");
            Fill(s.RssKb, e, "samples_rss_kb");
            Fill(s.CpuMs, e, "samples_cpu_ms");
            list.Add(s);
        }

        return list;
    }

    private static void Fill(List<double> into, JsonElement e, string name)
    {
        if (e.TryGetProperty(name, out var a))
        {
            into.AddRange(a.EnumerateArray().Select(x => x.GetDouble()));
        }
    }

    public static void WriteStats(Utf8JsonWriter w, string name, Stats st)
    {
        w.WriteStartObject(name);
        w.WriteNumber("n", st.N);
        Num(w, "min", st.Min);
        Num(w, "p50", st.P50);
        Num(w, "p90", st.P90);
        Num(w, "p99", st.P99);
        Num(w, "max", st.Max);
        Num(w, "mean", st.Mean);
        w.WriteEndObject();
    }

    private static void Num(Utf8JsonWriter w, string name, double v) => w.WriteNumber(name, Math.Round(v, 3));

    private static void WriteArray(Utf8JsonWriter w, string name, List<double> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteNumberValue(Math.Round(v, 3));
        }

        w.WriteEndArray();
    }
}
