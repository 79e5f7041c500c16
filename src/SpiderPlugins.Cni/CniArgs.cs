namespace SpiderPlugins.Cni;

/// <summary>CNI_ARGS: "K1=V1;K2=V2".</summary>
public static class CniArgs
{
    /// <summary>
    /// Splits on ';' and each pair on its first '=' (Multus' rule; Go's LoadArgs rejects '=' in values, which
    /// breaks on base64 labels). Empty segments are skipped; unknown keys are kept, never rejected, whatever
    /// IgnoreUnknown says. A repeated key keeps its last value, because Multus appends the runtime's original
    /// CNI_ARGS after its own. A segment without '=' or with an empty key is code 4.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Parse(string? value)
    {
        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(value))
        {
            return args;
        }

        foreach (var segment in value.Split(';'))
        {
            if (segment.Length == 0)
            {
                continue;
            }

            var eq = segment.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new CniException(
                    CniErrorCode.InvalidEnvironment,
                    $"invalid CNI_ARGS pair \"{segment}\": expected KEY=VALUE");
            }

            args[segment[..eq]] = segment[(eq + 1)..];
        }

        return args;
    }
}
