using System.Text.Json;
using SpiderPlugins.Cni.Tests.Support;

namespace SpiderPlugins.Cni.Tests;

/// <summary>
/// Bad input of every kind, run through the whole runner: exit 1, exactly one error document on stdout with the
/// expected code, a message naming the field and the value, labelled with the config's version when it has a
/// supported one, and the plugin never called.
/// </summary>
public class ErrorCaseTests
{
    private const string Config10 = """{"cniVersion":"1.0.0","name":"net1","type":"veth"}""";

    public sealed record Case(string Name, string Verb, Dictionary<string, string?> EnvChanges, string Stdin, int Code, string Version, string[] MessageParts)
    {
        public override string ToString() => Name;
    }

    private static Case C(string name, string verb, string stdin, int code, string version, params string[] parts) =>
        new(name, verb, [], stdin, code, version, parts);

    private static Case E(string name, string verb, Dictionary<string, string?> env, int code, params string[] parts) =>
        new(name, verb, env, Config10, code, "1.0.0", parts);

    private static string Prev(string prevResult, string version = "1.0.0") =>
        $$"""{"cniVersion":"{{version}}","name":"net1","type":"veth","prevResult":{{prevResult}}}""";

    public static TheoryData<Case> Cases() =>
    [
        // Environment, per verb
        E("ADD without container id", "ADD", new() { ["CNI_CONTAINERID"] = null }, 4, "required env variables [CNI_CONTAINERID] missing"),
        E("ADD without container id and ifname", "ADD", new() { ["CNI_CONTAINERID"] = null, ["CNI_IFNAME"] = "" }, 4, "required env variables [CNI_CONTAINERID CNI_IFNAME] missing"),
        E("ADD without netns", "ADD", new() { ["CNI_NETNS"] = null }, 4, "[CNI_NETNS]"),
        E("ADD without anything", "ADD", new() { ["CNI_CONTAINERID"] = null, ["CNI_NETNS"] = null, ["CNI_IFNAME"] = null }, 4, "[CNI_CONTAINERID CNI_NETNS CNI_IFNAME]"),
        E("CHECK with empty netns", "CHECK", new() { ["CNI_NETNS"] = "" }, 4, "[CNI_NETNS]"),
        E("DEL without ifname", "DEL", new() { ["CNI_IFNAME"] = null }, 4, "[CNI_IFNAME]"),
        E("DEL with empty container id", "DEL", new() { ["CNI_CONTAINERID"] = "" }, 4, "[CNI_CONTAINERID]"),
        E("GC without CNI_PATH", "GC", new() { ["CNI_PATH"] = null }, 4, "[CNI_PATH]"),
        E("no CNI_COMMAND", "ADD", new() { ["CNI_COMMAND"] = null }, 4, "[CNI_COMMAND]"),
        E("unknown verb", "ADD", new() { ["CNI_COMMAND"] = "FOO" }, 4, "unknown CNI_COMMAND: FOO"),
        E("lower-case verb", "ADD", new() { ["CNI_COMMAND"] = "add" }, 4, "unknown CNI_COMMAND: add"),
        E("container id starting with dash", "ADD", new() { ["CNI_CONTAINERID"] = "-abc" }, 4, "CNI_CONTAINERID", "\"-abc\""),
        E("container id with slash", "DEL", new() { ["CNI_CONTAINERID"] = "abc/../etc" }, 4, "CNI_CONTAINERID", "\"abc/../etc\""),
        E("container id with space", "CHECK", new() { ["CNI_CONTAINERID"] = "abc def" }, 4, "CNI_CONTAINERID", "\"abc def\""),
        E("ifname of 16 bytes", "ADD", new() { ["CNI_IFNAME"] = "eth0123456789012" }, 4, "CNI_IFNAME", "\"eth0123456789012\""),
        E("ifname of 16 UTF-8 bytes in 8 chars", "ADD", new() { ["CNI_IFNAME"] = "éééééééé" }, 4, "CNI_IFNAME", "\"éééééééé\""),
        E("ifname dot", "ADD", new() { ["CNI_IFNAME"] = "." }, 4, "CNI_IFNAME", "\".\""),
        E("ifname dot dot", "DEL", new() { ["CNI_IFNAME"] = ".." }, 4, "CNI_IFNAME", "\"..\""),
        E("ifname with slash", "ADD", new() { ["CNI_IFNAME"] = "eth/0" }, 4, "CNI_IFNAME", "\"eth/0\""),
        E("ifname with colon", "ADD", new() { ["CNI_IFNAME"] = "eth0:1" }, 4, "CNI_IFNAME", "\"eth0:1\""),
        E("ifname with tab", "CHECK", new() { ["CNI_IFNAME"] = "eth\t0" }, 4, "CNI_IFNAME", "\"eth\t0\""),
        E("CNI_ARGS segment without =", "ADD", new() { ["CNI_ARGS"] = "K8S_POD_NAME=a;garbage" }, 4, "CNI_ARGS", "\"garbage\""),
        E("CNI_ARGS empty key", "DEL", new() { ["CNI_ARGS"] = "IgnoreUnknown=1;=value" }, 4, "CNI_ARGS", "\"=value\""),

        // Decoding
        C("empty stdin", "ADD", "", 6, "1.1.0", "error decoding network config", "empty"),
        C("whitespace stdin", "DEL", " \n", 6, "1.1.0", "error decoding network config"),
        C("not JSON", "ADD", "cniVersion=1.0.0", 6, "1.1.0", "error decoding network config"),
        C("truncated JSON", "ADD", """{"cniVersion":"1.0.0","name":"n""", 6, "1.1.0", "error decoding network config"),
        C("array instead of object", "ADD", """[{"cniVersion":"1.0.0"}]""", 6, "1.1.0", "expected a JSON object", "Array"),
        C("duplicate keys", "ADD", """{"cniVersion":"1.0.0","name":"a","name":"b"}""", 6, "1.1.0", "error decoding network config", "name"),
        C("trailing garbage", "ADD", Config10 + "{}", 6, "1.1.0", "error decoding network config"),

        // Versions
        C("cniVersion missing", "ADD", """{"name":"net1"}""", 7, "1.1.0", "missing required field cniVersion"),
        C("cniVersion a number", "ADD", """{"cniVersion":1.0,"name":"net1"}""", 7, "1.1.0", "cniVersion", "1.0", "expected a string"),
        C("cniVersion unknown", "ADD", """{"cniVersion":"9.9.9","name":"net1"}""", 1, "1.1.0", "incompatible CNI versions; config is \"9.9.9\", plugin supports [\"0.1.0\",\"0.2.0\",\"0.3.0\",\"0.3.1\",\"0.4.0\",\"1.0.0\",\"1.1.0\"]"),
        C("CHECK on 0.3.1", "CHECK", """{"cniVersion":"0.3.1","name":"net1"}""", 1, "0.3.1", "\"0.3.1\"", "CHECK", "0.4.0"),
        C("GC on 1.0.0", "GC", """{"cniVersion":"1.0.0","name":"net1"}""", 1, "1.0.0", "\"1.0.0\"", "GC", "1.1.0"),
        C("STATUS on 0.4.0", "STATUS", """{"cniVersion":"0.4.0","name":"net1"}""", 1, "0.4.0", "\"0.4.0\"", "STATUS"),

        // Common keys
        C("name missing", "ADD", """{"cniVersion":"1.0.0","type":"veth"}""", 7, "1.0.0", "name"),
        C("name a number", "DEL", """{"cniVersion":"1.0.0","name":42}""", 7, "1.0.0", "name", "42"),
        C("name with space", "ADD", """{"cniVersion":"1.1.0","name":"my net"}""", 7, "1.1.0", "name", "\"my net\""),
        C("type an object", "ADD", """{"cniVersion":"1.0.0","name":"net1","type":{}}""", 7, "1.0.0", "type", "{}"),

        // prevResult
        C("prevResult not an object", "ADD", Prev("\"hello\""), 7, "1.0.0", "prevResult", "\"hello\""),
        C("prevResult bad address", "ADD", Prev("""{"ips":[{"address":"10.1.2.300/24"}]}"""), 7, "1.0.0", "prevResult.ips[0].address", "\"10.1.2.300/24\""),
        C("prevResult address without prefix", "CHECK", Prev("""{"ips":[{"address":"10.1.2.3"}]}"""), 7, "1.0.0", "prevResult.ips[0].address", "\"10.1.2.3\""),
        C("prevResult prefix too long", "ADD", Prev("""{"ips":[{"address":"10.1.2.3/24"},{"address":"10.1.2.3/33"}]}"""), 7, "1.0.0", "prevResult.ips[1].address", "\"10.1.2.3/33\""),
        C("prevResult octal-looking octet", "ADD", Prev("""{"ips":[{"address":"010.1.2.3/24"}]}"""), 7, "1.0.0", "prevResult.ips[0].address", "\"010.1.2.3/24\""),
        C("prevResult address missing", "DEL", Prev("""{"ips":[{"gateway":"10.1.2.1"}]}"""), 7, "1.0.0", "missing required field prevResult.ips[0].address"),
        C("prevResult interface out of range", "ADD", Prev("""{"interfaces":[{"name":"eth0"}],"ips":[{"interface":1,"address":"10.1.2.3/24"}]}"""), 7, "1.0.0", "prevResult.ips[0].interface", "1", "out of range"),
        C("prevResult interface a string", "ADD", Prev("""{"interfaces":[{"name":"eth0"}],"ips":[{"interface":"0","address":"10.1.2.3/24"}]}"""), 7, "1.0.0", "prevResult.ips[0].interface", "\"0\""),
        C("prevResult interface negative", "ADD", Prev("""{"interfaces":[{"name":"eth0"}],"ips":[{"interface":-1,"address":"10.1.2.3/24"}]}"""), 7, "1.0.0", "prevResult.ips[0].interface", "-1"),
        C("prevResult bad gateway", "ADD", Prev("""{"ips":[{"address":"10.1.2.3/24","gateway":"10.1.2"}]}"""), 7, "1.0.0", "prevResult.ips[0].gateway", "\"10.1.2\""),
        C("prevResult route dst without prefix", "ADD", Prev("""{"routes":[{"dst":"10.0.0.0"}]}"""), 7, "1.0.0", "prevResult.routes[0].dst", "\"10.0.0.0\""),
        C("prevResult route gw not an IP", "CHECK", Prev("""{"routes":[{"dst":"0.0.0.0/0","gw":"router"}]}"""), 7, "1.0.0", "prevResult.routes[0].gw", "\"router\""),
        C("prevResult route table negative", "ADD", Prev("""{"routes":[{"dst":"0.0.0.0/0","table":-5}]}""", "1.1.0"), 7, "1.1.0", "prevResult.routes[0].table", "-5"),
        C("prevResult interfaces not a list", "ADD", Prev("""{"interfaces":"eth0"}"""), 7, "1.0.0", "prevResult.interfaces", "\"eth0\""),
        C("prevResult interface mtu a float", "ADD", Prev("""{"interfaces":[{"name":"eth0","mtu":1500.5}]}""", "1.1.0"), 7, "1.1.0", "prevResult.interfaces[0].mtu", "1500.5"),
        C("prevResult dns nameserver a number", "ADD", Prev("""{"dns":{"nameservers":[1]}}"""), 7, "1.0.0", "prevResult.dns.nameservers[0]", "1"),
        C("prevResult unknown version", "ADD", Prev("""{"cniVersion":"0.9.0","ips":[]}"""), 1, "1.0.0", "prevResult.cniVersion", "\"0.9.0\""),
        C("prevResult 0.2.0 ip4 holding IPv6", "ADD", Prev("""{"ip4":{"ip":"2001:db8::1/64"}}""", "0.2.0"), 7, "0.2.0", "prevResult.ip4.ip", "\"2001:db8::1/64\""),

        // GC attachments
        C("valid-attachments not a list", "GC", """{"cniVersion":"1.1.0","name":"net1","cni.dev/valid-attachments":{}}""", 7, "1.1.0", "cni.dev/valid-attachments", "{}"),
        C("attachments entry without ifname", "GC", """{"cniVersion":"1.1.0","name":"net1","cni.dev/attachments":[{"containerID":"a"}]}""", 7, "1.1.0", "cni.dev/attachments[0].ifname"),
        C("attachments entry a string", "GC", """{"cniVersion":"1.1.0","name":"net1","cni.dev/valid-attachments":["a/eth0"]}""", 7, "1.1.0", "cni.dev/valid-attachments[0]", "\"a/eth0\""),
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_input_is_one_error_document_naming_field_and_value(Case c)
    {
        var env = Invocation.Env(c.Verb);
        foreach (var (key, value) in c.EnvChanges)
        {
            if (value is null)
            {
                env.Remove(key);
            }
            else
            {
                env[key] = value;
            }
        }

        var run = Invocation.Run(env, c.Stdin);

        Assert.Equal(1, run.Exit);
        var error = run.Json();
        Assert.Equal(c.Code, error.GetProperty("code").GetInt32());
        Assert.Equal(c.Version, error.GetProperty("cniVersion").GetString());
        var msg = error.GetProperty("msg").GetString()!;
        foreach (var part in c.MessageParts)
        {
            Assert.Contains(part, msg, StringComparison.Ordinal);
        }

        Assert.Empty(run.Plugin.Calls);
        Assert.Contains($"code {c.Code}", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void There_are_at_least_35_cases() => Assert.True(Cases().Count >= 35);

    [Fact]
    public void Incompatible_version_lists_supported_versions_in_details_exactly()
    {
        var run = Invocation.Run(Invocation.Env("ADD"), """{"cniVersion":"9.9.9","name":"net1"}""");

        Assert.Equal(
            """{"cniVersion":"1.1.0","code":1,"msg":"incompatible CNI versions; config is \"9.9.9\", plugin supports [\"0.1.0\",\"0.2.0\",\"0.3.0\",\"0.3.1\",\"0.4.0\",\"1.0.0\",\"1.1.0\"]","details":"supported versions: [\"0.1.0\",\"0.2.0\",\"0.3.0\",\"0.3.1\",\"0.4.0\",\"1.0.0\",\"1.1.0\"]"}""",
            run.StdoutText);
    }

    [Fact]
    public void Missing_env_error_is_exact_and_has_no_details()
    {
        var env = Invocation.Env("ADD");
        env.Remove("CNI_CONTAINERID");

        var run = Invocation.Run(env, Config10);

        Assert.Equal("""{"cniVersion":"1.0.0","code":4,"msg":"required env variables [CNI_CONTAINERID] missing"}""", run.StdoutText);
    }

    [Fact]
    public void Plugin_error_keeps_its_code_and_details()
    {
        var plugin = new FakePlugin { Throw = new CniException(CniErrorCode.TryAgainLater, "lock busy", "held by pid 42") };

        var run = Invocation.Run(Invocation.Env("DEL"), Config10, plugin);

        Assert.Equal(1, run.Exit);
        Assert.Equal("""{"cniVersion":"1.0.0","code":11,"msg":"lock busy","details":"held by pid 42"}""", run.StdoutText);
    }

    [Fact]
    public void Unexpected_exception_is_code_999_with_full_trace_on_stderr_only()
    {
        var plugin = new FakePlugin { Throw = new InvalidOperationException("boom") };

        var run = Invocation.Run(Invocation.Env("CHECK"), Config10, plugin);

        Assert.Equal(1, run.Exit);
        Assert.Equal("""{"cniVersion":"1.0.0","code":999,"msg":"boom"}""", run.StdoutText);
        Assert.Contains("System.InvalidOperationException: boom", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(" at ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_result_that_cannot_be_printed_in_a_legacy_version_is_an_error_not_partial_output()
    {
        var run = Invocation.Run(Invocation.Env("ADD"), """{"cniVersion":"0.2.0","name":"net1"}""");

        Assert.Equal(1, run.Exit);
        Assert.Equal("""{"cniVersion":"0.2.0","code":1,"msg":"cannot convert: no valid IP addresses"}""", run.StdoutText);
    }

    [Fact]
    public void Plugin_result_with_dangling_interface_index_is_refused()
    {
        var plugin = new FakePlugin
        {
            OnAdd = _ => new Results.CniResult
            {
                Ips = [new Results.CniIpConfig { Interface = 0, Address = System.Net.IPAddress.Parse("10.1.2.3"), PrefixLength = 24 }],
            },
        };

        var run = Invocation.Run(Invocation.Env("ADD"), Config10, plugin);

        Assert.Equal(1, run.Exit);
        var error = run.Json();
        Assert.Equal(999, error.GetProperty("code").GetInt32());
        Assert.Contains("result.ips[0].interface 0", error.GetProperty("msg").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Unreadable_stdin_is_code_5()
    {
        using var stdin = new ThrowingStream();
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();

        var exit = PluginRunner.Run(new FakePlugin(), Invocation.Env("ADD"), stdin, stdout, stderr);

        Assert.Equal(1, exit);
        using var doc = JsonDocument.Parse(stdout.ToArray());
        Assert.Equal(5, doc.RootElement.GetProperty("code").GetInt32());
        Assert.Contains("disk on fire", doc.RootElement.GetProperty("msg").GetString(), StringComparison.Ordinal);
    }

    private sealed class ThrowingStream : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("disk on fire");

        public override int Read(Span<byte> buffer) => throw new IOException("disk on fire");
    }
}
