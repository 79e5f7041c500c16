using System.Text;
using System.Text.Json;

namespace SpiderPlugins.Cni.Tests;

public class ConfigParserTests
{
    private static NetworkConfig Parse(string json, CniCommand command = CniCommand.Add) =>
        ConfigParser.Parse(Encoding.UTF8.GetBytes(json), command);

    [Fact]
    public void Runtime_config_lookup_ignores_case()
    {
        var config = Parse("""
            {"cniVersion":"1.0.0","name":"net1",
             "runtimeConfig":{"portMappings":[{"HostPort":8080,"containerPort":80,"protocol":"tcp"}],"MAC":"c2:11:22:33:44:55"}}
            """);

        Assert.Equal(JsonValueKind.Array, config.RuntimeConfig("PortMappings")?.ValueKind);
        Assert.Equal("c2:11:22:33:44:55", config.RuntimeConfig("mac")?.GetString());
        Assert.Null(config.RuntimeConfig("bandwidth"));
    }

    [Fact]
    public void Missing_runtime_config_is_null()
    {
        Assert.Null(Parse("""{"cniVersion":"1.0.0","name":"net1"}""").RuntimeConfig("mac"));
        Assert.Null(Parse("""{"cniVersion":"1.0.0","name":"net1","runtimeConfig":[1]}""").RuntimeConfig("mac"));
    }

    [Theory]
    [InlineData("cni.dev/valid-attachments")]
    [InlineData("cni.dev/attachments")]
    public void Gc_reads_either_attachments_key(string key)
    {
        var config = Parse($$"""
            {"cniVersion":"1.1.0","name":"net1","{{key}}":[{"containerID":"c1","ifname":"eth0"},{"containerID":"c2","ifname":"net1","extra":1}]}
            """, CniCommand.Gc);

        Assert.Equal([new CniAttachment("c1", "eth0"), new CniAttachment("c2", "net1")], config.ValidAttachments!);
    }

    [Fact]
    public void Gc_prefers_the_spec_key_when_libcni_sends_both()
    {
        var config = Parse("""
            {"cniVersion":"1.1.0","name":"net1",
             "cni.dev/attachments":[{"containerID":"old","ifname":"eth0"}],
             "cni.dev/valid-attachments":[{"containerID":"new","ifname":"eth0"}]}
            """, CniCommand.Gc);

        Assert.Equal("new", Assert.Single(config.ValidAttachments!).ContainerId);
    }

    [Fact]
    public void Gc_without_attachments_is_null_and_an_explicit_empty_list_is_empty()
    {
        Assert.Null(Parse("""{"cniVersion":"1.1.0","name":"net1"}""", CniCommand.Gc).ValidAttachments);
        Assert.Empty(Parse("""{"cniVersion":"1.1.0","name":"net1","cni.dev/valid-attachments":[]}""", CniCommand.Gc).ValidAttachments!);
    }

    [Fact]
    public void Raw_outlives_the_input_buffer()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"cniVersion":"1.0.0","name":"net1","mode":"bridge"}""");
        var config = ConfigParser.Parse(bytes, CniCommand.Add);
        Array.Clear(bytes);

        Assert.Equal("bridge", config.Raw.GetProperty("mode").GetString());
    }

    [Theory]
    [InlineData(CniCommand.Check, "0.4.0")]
    [InlineData(CniCommand.Gc, "1.1.0")]
    [InlineData(CniCommand.Status, "1.1.0")]
    [InlineData(CniCommand.Add, "0.1.0")]
    [InlineData(CniCommand.Del, "0.1.0")]
    public void Each_verb_is_accepted_from_its_first_version(CniCommand command, string version)
    {
        Assert.Equal(version, Parse($$"""{"cniVersion":"{{version}}","name":"net1"}""", command).CniVersion);
    }

    [Fact]
    public void Unknown_keys_args_and_null_prevResult_are_tolerated()
    {
        var config = Parse("""
            {"cniVersion":"0.4.0","name":"net1","type":"veth","deviceID":"0000:3b:00.2","args":{"cni":{"labels":[]}},
             "cni.dev/future":1,"capabilities":{"mac":true},"prevResult":null,"ipam":{"type":"spiderpool"}}
            """);

        Assert.Null(config.PrevResult);
        Assert.Null(config.ValidAttachments);
    }

    [Fact]
    public void Versions_compare_numerically()
    {
        Assert.True(SupportedVersions.Compare("0.10.0", "0.4.0") > 0);
        Assert.True(SupportedVersions.AtLeast("1.0.0", "0.4.0"));
        Assert.False(SupportedVersions.AtLeast("0.3.1", "0.4.0"));
        Assert.Equal(0, SupportedVersions.Compare("1.1.0", "1.1.0"));
    }
}

public class CniArgLookupTests
{
    [Fact]
    public void Args_cni_entries_are_found_and_absent_ones_are_null()
    {
        var config = ConfigParser.Parse(
            """{"cniVersion":"1.0.0","name":"net1","args":{"cni":{"mtu":1400,"skip":null}}}"""u8.ToArray(),
            CniCommand.Add);

        Assert.Equal(1400, config.CniArg("mtu")?.GetInt32());
        Assert.Null(config.CniArg("skip"));
        Assert.Null(config.CniArg("mac"));
    }
}
