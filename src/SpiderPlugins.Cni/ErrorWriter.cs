using SpiderPlugins.Cni.Json;

namespace SpiderPlugins.Cni;

/// <summary>The spec's error object: {"cniVersion","code","msg","details"}; details is left out when there are none.</summary>
public static class ErrorWriter
{
    public static byte[] Write(CniException error, string? cniVersion) => Write(error.Code, error.Message, error.Details, cniVersion);

    public static byte[] Write(int code, string message, string? details, string? cniVersion) => JsonOutput.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("cniVersion", cniVersion ?? SupportedVersions.Current);
        w.WriteNumber("code", code);
        w.WriteString("msg", message);
        if (!string.IsNullOrEmpty(details))
        {
            w.WriteString("details", details);
        }

        w.WriteEndObject();
    });
}
