using System.Text.Json;
using SpiderPlugins.Plugins.Tests.Integration;

namespace SpiderPlugins.Plugins.Tests.Executable;

/// <summary>The shipped binary run as a runtime runs it: by name, with env and stdin, judged by stdout and exit code.</summary>
public sealed class ExecutableTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("spt-exe-");

    // Even calls that must fail before touching the kernel run inside a throwaway namespace: if a guard regressed,
    // the damage stays there and never reaches the machine's own namespace.
    private readonly string _ns = $"spt-exe-{Environment.ProcessId}-{Random.Shared.Next(100000, 999999)}";

    public ExecutableTests() => Ip.Run("netns", "add", _ns);

    public void Dispose()
    {
        Ip.Run("netns", "del", _ns);
        _dir.Delete(true);
    }

    private string LinkAs(string name)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.CreateSymbolicLink(path, PluginProcess.Binary);
        return path;
    }

    private PluginProcess.Outcome Run(string exe, string stdin, params (string, string)[] env) =>
        PluginProcess.Run(_ns, exe, env.ToDictionary(e => e.Item1, e => e.Item2), stdin);

    private static JsonElement SingleJson(string stdout)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(stdout));
        using var doc = JsonDocument.ParseValue(ref reader);
        Assert.False(reader.Read(), $"more than one JSON document on stdout: {stdout}");
        return doc.RootElement.Clone();
    }

    [Fact]
    public void SymlinkNamedVethInAnotherDirectoryActsAsTheVethPlugin()
    {
        var o = Run(LinkAs("veth"), """{"cniVersion":"1.1.0"}""", ("CNI_COMMAND", "VERSION"));
        Assert.Equal(0, o.ExitCode);
        Assert.Equal("""{"cniVersion":"1.1.0","supportedVersions":["0.1.0","0.2.0","0.3.0","0.3.1","0.4.0","1.0.0","1.1.0"]}""", o.Stdout);
    }

    [Fact]
    public void VersionWithEmptyStdinAndFakeEnvAsLibcniProbes()
    {
        var o = Run(LinkAs("veth"), "", ("CNI_COMMAND", "VERSION"), ("CNI_NETNS", "dummy"), ("CNI_IFNAME", "dummy"), ("CNI_PATH", "dummy"));
        Assert.Equal(0, o.ExitCode);
        Assert.Equal("1.1.0", SingleJson(o.Stdout).GetProperty("cniVersion").GetString());
    }

    [Theory]
    [InlineData("router")]
    [InlineData("coordinator")]
    public void PendingPluginsAnswerVersionAndNeverBlockDel(string name)
    {
        var exe = LinkAs(name);
        Assert.Equal(0, Run(exe, "", ("CNI_COMMAND", "VERSION")).ExitCode);
        var del = Run(exe, """{"cniVersion":"1.0.0","name":"n","type":"x"}""", ("CNI_COMMAND", "DEL"), ("CNI_CONTAINERID", "c1"), ("CNI_IFNAME", "eth0"));
        Assert.Equal(0, del.ExitCode);
        Assert.Equal("", del.Stdout);
        var add = Run(exe, """{"cniVersion":"1.0.0","name":"n","type":"x","prevResult":{}}""", ("CNI_COMMAND", "ADD"), ("CNI_CONTAINERID", "c1"), ("CNI_IFNAME", "eth0"), ("CNI_NETNS", "/proc/self/ns/net"));
        Assert.Equal(1, add.ExitCode);
        Assert.Contains($"the {name} plugin is not available", SingleJson(add.Stdout).GetProperty("msg").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void UnderItsOwnNameItIsTheOperatorCli()
    {
        var o = Run(PluginProcess.Binary, "", ("CNI_COMMAND", "ADD"));
        Assert.Equal(0, o.ExitCode); // no args: help, never a CNI call
        Assert.Contains("usage: spider-plugins", o.Stdout, StringComparison.Ordinal);
        var psi = new System.Diagnostics.ProcessStartInfo(PluginProcess.Binary, "version") { RedirectStandardOutput = true };
        using var p = System.Diagnostics.Process.Start(psi)!;
        var text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.StartsWith("spider-plugins ", text, StringComparison.Ordinal);
        Assert.Contains("1.1.0", text, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, (string, string)[], int, string> ErrorClasses => new()
    {
        { "unknown verb", "{}", [("CNI_COMMAND", "FOO")], 4, "FOO" },
        { "no verb", "{}", [], 4, "CNI_COMMAND" },
        { "missing env", """{"cniVersion":"1.0.0","name":"n","type":"veth"}""", [("CNI_COMMAND", "ADD")], 4, "CNI_CONTAINERID" },
        { "bad ifname", """{"cniVersion":"1.0.0","name":"n","type":"veth"}""", [("CNI_COMMAND", "ADD"), ("CNI_CONTAINERID", "c"), ("CNI_NETNS", "/x"), ("CNI_IFNAME", "../../etc")], 4, "../../etc" },
        { "malformed JSON", "{\"cniVersion\":", [("CNI_COMMAND", "DEL"), ("CNI_CONTAINERID", "c"), ("CNI_IFNAME", "eth0")], 6, "" },
        { "unsupported version", """{"cniVersion":"9.9.9","name":"n","type":"veth"}""", [("CNI_COMMAND", "DEL"), ("CNI_CONTAINERID", "c"), ("CNI_IFNAME", "eth0")], 1, "9.9.9" },
        { "CHECK on 0.3.1", """{"cniVersion":"0.3.1","name":"n","type":"veth"}""", [("CNI_COMMAND", "CHECK"), ("CNI_CONTAINERID", "c"), ("CNI_NETNS", "/x"), ("CNI_IFNAME", "eth0")], 1, "0.3.1" },
        { "wrong field type", """{"cniVersion":"1.0.0","name":"n","type":"veth","cluster_cidr":"10.0.0.0/8","prevResult":{"cniVersion":"1.0.0"}}""", [("CNI_COMMAND", "ADD"), ("CNI_CONTAINERID", "c"), ("CNI_NETNS", "/x"), ("CNI_IFNAME", "eth0")], 7, "cluster_cidr" },
        { "no prevResult", """{"cniVersion":"1.0.0","name":"n","type":"veth"}""", [("CNI_COMMAND", "ADD"), ("CNI_CONTAINERID", "c"), ("CNI_NETNS", "/x"), ("CNI_IFNAME", "eth0")], 7, "prevResult" },
        { "netns that is not one", """{"cniVersion":"1.0.0","name":"n","type":"veth","prevResult":{"cniVersion":"1.0.0"}}""", [("CNI_COMMAND", "ADD"), ("CNI_CONTAINERID", "c"), ("CNI_NETNS", "/etc/hostname"), ("CNI_IFNAME", "eth0")], 4, "/etc/hostname" },
        { "own netns", """{"cniVersion":"1.0.0","name":"n","type":"veth","prevResult":{"cniVersion":"1.0.0"}}""", [("CNI_COMMAND", "ADD"), ("CNI_CONTAINERID", "c"), ("CNI_NETNS", "/proc/self/ns/net"), ("CNI_IFNAME", "eth0")], 4, "own network namespace" },
    };

    [Theory]
    [MemberData(nameof(ErrorClasses))]
    public void EachErrorClassPrintsOneErrorDocumentWithItsCode(string what, string stdin, (string, string)[] env, int code, string mentions)
    {
        var o = Run(LinkAs("veth"), stdin, env);
        Assert.True(o.ExitCode == 1, what);
        var err = SingleJson(o.Stdout);
        Assert.Equal(code, err.GetProperty("code").GetInt32());
        var details = err.TryGetProperty("details", out var d) ? d.GetString() : "";
        Assert.Contains(mentions, err.GetProperty("msg").GetString() + details, StringComparison.Ordinal);
    }
}
