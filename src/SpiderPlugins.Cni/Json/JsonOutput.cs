using System.Text.Encodings.Web;
using System.Text.Json;

namespace SpiderPlugins.Cni.Json;

/// <summary>How every document we print is written: compact UTF-8, quotes escaped as \" rather than \u0022.</summary>
internal static class JsonOutput
{
    private static readonly JsonWriterOptions Options = new()
    {
        // Only what JSON itself requires is escaped, so messages stay readable in runtime logs.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Parsing options for stdin: duplicate keys are rejected (a hostile config must not mean one thing to us and
    /// another to the runtime), comments and trailing commas are not JSON and are rejected too.
    /// </summary>
    public static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowDuplicateProperties = false,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 64,
    };
}
