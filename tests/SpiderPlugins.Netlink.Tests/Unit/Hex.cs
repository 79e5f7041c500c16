using System.Text;

namespace SpiderPlugins.Netlink.Tests.Unit;

/// <summary>Hex literals for golden bytes: whitespace, '|' separators and "// comments" to the end of line are ignored.</summary>
internal static class Hex
{
    public static byte[] Parse(string annotated)
    {
        var sb = new StringBuilder();
        foreach (string line in annotated.Split('\n'))
        {
            int comment = line.IndexOf("//", StringComparison.Ordinal);
            string code = comment >= 0 ? line[..comment] : line;
            foreach (char c in code)
            {
                if (Uri.IsHexDigit(c))
                    sb.Append(c);
            }
        }
        return Convert.FromHexString(sb.ToString());
    }

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
