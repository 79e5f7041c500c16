using System.Text.Json;
using SpiderPlugins.Cni.Json;

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
        var version = RequestedVersion(stdin) ?? SupportedVersions.Current;
        return JsonOutput.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("cniVersion", version);
            w.WriteStartArray("supportedVersions");
            foreach (var v in SupportedVersions.All)
            {
                w.WriteStringValue(v);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
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
