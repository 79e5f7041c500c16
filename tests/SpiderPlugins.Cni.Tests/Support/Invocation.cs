using System.Text;
using System.Text.Json;

namespace SpiderPlugins.Cni.Tests.Support;

/// <summary>Runs <see cref="PluginRunner"/> the way a runtime execs the binary: env, stdin bytes, captured streams.</summary>
internal sealed record Invocation(int Exit, byte[] Stdout, string Stderr, FakePlugin Plugin)
{
    public string StdoutText => Encoding.UTF8.GetString(Stdout);

    public static Dictionary<string, string> Env(string command) => command switch
    {
        "ADD" or "CHECK" => new()
        {
            ["CNI_COMMAND"] = command,
            ["CNI_CONTAINERID"] = "3f2a9c1d7e",
            ["CNI_NETNS"] = "/var/run/netns/cni-1234",
            ["CNI_IFNAME"] = "eth0",
            ["CNI_PATH"] = "/opt/cni/bin",
        },
        "DEL" => new()
        {
            ["CNI_COMMAND"] = command,
            ["CNI_CONTAINERID"] = "3f2a9c1d7e",
            ["CNI_NETNS"] = "",
            ["CNI_IFNAME"] = "eth0",
        },
        "GC" => new() { ["CNI_COMMAND"] = command, ["CNI_PATH"] = "/opt/cni/bin" },
        _ => new() { ["CNI_COMMAND"] = command },
    };

    public static Invocation Run(Dictionary<string, string> env, string stdin, FakePlugin? plugin = null) =>
        Run(env, Encoding.UTF8.GetBytes(stdin), plugin);

    public static Invocation Run(Dictionary<string, string> env, byte[] stdin, FakePlugin? plugin = null)
    {
        plugin ??= new FakePlugin();
        using var input = new MemoryStream(stdin);
        using var output = new MemoryStream();
        using var errors = new StringWriter();
        var exit = PluginRunner.Run(plugin, env, input, output, errors);
        return new Invocation(exit, output.ToArray(), errors.ToString(), plugin);
    }

    /// <summary>Parses stdout, which must be exactly one JSON document (JsonDocument rejects trailing content).</summary>
    public JsonElement Json()
    {
        using var doc = JsonDocument.Parse(Stdout);
        return doc.RootElement.Clone();
    }
}
