namespace SpiderPlugins.Bench;

/// <summary>`--key value` arguments; every option the run needs must be given (run.sh is the single source of the topology).</summary>
internal sealed class Options
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public Options(IEnumerable<string> args)
    {
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var key = e.Current;
            if (!key.StartsWith("--", StringComparison.Ordinal) || !e.MoveNext())
            {
                throw new ArgumentException($"expected --key value, got '{key}'");
            }

            _values[key[2..]] = e.Current;
        }
    }

    public string Get(string key) =>
        _values.TryGetValue(key, out var v) ? v : throw new ArgumentException($"missing --{key}");

    public int Int(string key) => int.Parse(Get(key), System.Globalization.CultureInfo.InvariantCulture);

    public string[] List(string key) => Get(key).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
