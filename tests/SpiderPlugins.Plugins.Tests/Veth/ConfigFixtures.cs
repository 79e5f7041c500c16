using System.Text;
using System.Text.Json;
using SpiderPlugins.Cni;

namespace SpiderPlugins.Plugins.Tests.Veth;

internal static class ConfigFixtures
{
    /// <summary>A NetworkConfig whose raw JSON is <paramref name="pluginJson"/> (an object body without braces).</summary>
    public static NetworkConfig Config(string pluginJson, string version = "0.3.1")
    {
        var json = $$"""{"cniVersion":"{{version}}","name":"net","type":"veth"{{(pluginJson.Length > 0 ? "," : "")}}{{pluginJson}}}""";
        return ConfigParser.Parse(Encoding.UTF8.GetBytes(json), CniCommand.Add);
    }

    public static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;
}
