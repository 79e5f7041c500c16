using System.Globalization;
using System.Text;

namespace SpiderPlugins.Bench;

/// <summary>
/// A self-contained SVG box chart of call latencies, one row per series, on a log axis (VERSION at a few ms and
/// whole chains at ~100 ms share one picture). Box = p25..p75, whisker = min..p99, bar = p50, tick = p90.
/// </summary>
internal static class Svg
{
    private const int Left = 250, Right = 90, Top = 50, Row = 26, Width = 1000;

    public static string BoxChart(string title, IReadOnlyList<Series> series, IReadOnlyList<(double Ms, string Label)> marks)
    {
        var all = series.SelectMany(s => s.Ms).Where(v => v > 0).ToList();
        var lo = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(0.1, all.Min()))));
        var hi = Math.Pow(10, Math.Ceiling(Math.Log10(series.Max(s => Pct(s.Ms, 0.99)))));
        var plotW = Width - Left - Right;
        double X(double ms) => Left + (plotW * (Math.Log10(Math.Clamp(ms, lo, hi)) - Math.Log10(lo)) / (Math.Log10(hi) - Math.Log10(lo)));
        var height = Top + (series.Count * Row) + 50;
        var sb = new StringBuilder();
        sb.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"12\">\n"));
        sb.Append(Inv($"<rect width=\"{Width}\" height=\"{height}\" fill=\"white\"/>\n"));
        sb.Append(Inv($"<text x=\"{Width / 2}\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">{Esc(title)}</text>\n"));
        var bottom = Top + (series.Count * Row);
        for (var decade = lo; decade <= hi * 1.0001; decade *= 10)
        {
            foreach (var m in new[] { 1, 2, 5 })
            {
                var v = decade * m;
                if (v > hi * 1.0001)
                {
                    break;
                }

                var x = X(v);
                sb.Append(Inv($"<line x1=\"{x:F1}\" y1=\"{Top - 5}\" x2=\"{x:F1}\" y2=\"{bottom}\" stroke=\"#e4e4e4\"/>\n"));
                sb.Append(Inv($"<text x=\"{x:F1}\" y=\"{bottom + 16}\" text-anchor=\"middle\" fill=\"#555\">{v:0.###}</text>\n"));
            }
        }

        sb.Append(Inv($"<text x=\"{Left + (plotW / 2)}\" y=\"{bottom + 36}\" text-anchor=\"middle\" fill=\"#333\">milliseconds per call (log scale): box p25-p75, bar p50, tick p90, whisker min-p99</text>\n"));
        foreach (var (ms, label) in marks)
        {
            var x = X(ms);
            sb.Append(Inv($"<line x1=\"{x:F1}\" y1=\"{Top - 8}\" x2=\"{x:F1}\" y2=\"{bottom}\" stroke=\"#c0392b\" stroke-dasharray=\"4 3\"/>\n"));
            sb.Append(Inv($"<text x=\"{x:F1}\" y=\"{Top - 12}\" text-anchor=\"middle\" fill=\"#c0392b\" font-size=\"11\">{Esc(label)}</text>\n"));
        }

        for (var i = 0; i < series.Count; i++)
        {
            var s = series[i];
            var y = Top + (i * Row) + (Row / 2.0);
            var color = s.Plugin switch
            {
                "veth" => "#2e86de",
                "ip" => "#e67e22",
                _ when s.Plugin.Contains('+', StringComparison.Ordinal) => "#27ae60",
                _ => "#7f8c8d",
            };
            var (min, p25, p50, p75, p90, p99) = (s.Ms.Min(), Pct(s.Ms, 0.25), Pct(s.Ms, 0.5), Pct(s.Ms, 0.75), Pct(s.Ms, 0.9), Pct(s.Ms, 0.99));
            sb.Append(Inv($"<text x=\"{Left - 8}\" y=\"{y + 4:F1}\" text-anchor=\"end\">{Esc(s.Name)}</text>\n"));
            sb.Append(Inv($"<line x1=\"{X(min):F1}\" y1=\"{y:F1}\" x2=\"{X(p99):F1}\" y2=\"{y:F1}\" stroke=\"{color}\"/>\n"));
            sb.Append(Inv($"<rect x=\"{X(p25):F1}\" y=\"{y - 8:F1}\" width=\"{Math.Max(1, X(p75) - X(p25)):F1}\" height=\"16\" fill=\"{color}\" fill-opacity=\"0.35\" stroke=\"{color}\"/>\n"));
            sb.Append(Inv($"<line x1=\"{X(p50):F1}\" y1=\"{y - 9:F1}\" x2=\"{X(p50):F1}\" y2=\"{y + 9:F1}\" stroke=\"{color}\" stroke-width=\"3\"/>\n"));
            sb.Append(Inv($"<line x1=\"{X(p90):F1}\" y1=\"{y - 5:F1}\" x2=\"{X(p90):F1}\" y2=\"{y + 5:F1}\" stroke=\"{color}\" stroke-width=\"1.5\"/>\n"));
            sb.Append(Inv($"<text x=\"{Width - Right + 8}\" y=\"{y + 4:F1}\" fill=\"#333\">p50 {p50:F1} ms</text>\n"));
        }

        sb.Append("</svg>\n");
        return sb.ToString();
    }

    private static double Pct(List<double> values, double q) => Stats.Rank(values.Order().ToArray(), q);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string Esc(string s) => s.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
