using System.Text.Json;

namespace SpiderPlugins.Tools.CriClient;

/// <summary>Builds one compact JSON object as a string (what the scripts read with jq).</summary>
internal static class JsonLine
{
    public static string Object(Action<Utf8JsonWriter> writeProperties)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
