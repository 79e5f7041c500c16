namespace SpiderPlugins.Cni;

/// <summary>The VERSION verb's answer: {"cniVersion": ..., "supportedVersions": [...]}.</summary>
public static class VersionInfoWriter
{
    /// <summary>
    /// Echoes the caller's cniVersion when stdin names one we support, as the spec's example does; otherwise (no
    /// stdin, not JSON, unknown version) answers with the current version, as Go's skel always does. VERSION
    /// never fails on its stdin: libcni probes with fake values and only reads supportedVersions.
    /// </summary>
    public static byte[] Write(ReadOnlyMemory<byte> stdin)
    {
        // Every string here comes from SupportedVersions (plain ASCII digits and dots), so the document is built
        // as text: VERSION is called often (libcni's config validation) and the JSON writer's encoder tables cost
        // more to initialise than the whole answer.
        var version = RequestedVersion(stdin) ?? SupportedVersions.Current;
        var sb = new System.Text.StringBuilder(128);
        sb.Append("{\"cniVersion\":\"").Append(version).Append("\",\"supportedVersions\":[");
        for (var i = 0; i < SupportedVersions.All.Count; i++)
        {
            sb.Append(i == 0 ? "\"" : ",\"").Append(SupportedVersions.All[i]).Append('"');
        }

        return System.Text.Encoding.ASCII.GetBytes(sb.Append("]}").ToString());
    }

    private static string? RequestedVersion(ReadOnlyMemory<byte> stdin)
    {
        if (stdin.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return null;
        }

        return ConfigParser.PeekVersion(stdin);
    }
}
