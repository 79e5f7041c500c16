namespace SpiderPlugins.Cni.Tests;

public class EnvironmentTests
{
    private static CniRequest Parse(params (string Key, string Value)[] vars) =>
        CniEnvironment.Parse(vars.ToDictionary(v => v.Key, v => v.Value), ReadOnlyMemory<byte>.Empty);

    [Fact]
    public void Add_reads_every_variable()
    {
        var r = Parse(("CNI_COMMAND", "ADD"), ("CNI_CONTAINERID", "a1_b.c-d"), ("CNI_NETNS", "/proc/42/ns/net"),
            ("CNI_IFNAME", "net1"), ("CNI_PATH", "/opt/cni/bin:/usr/lib/cni"), ("CNI_ARGS", "K8S_POD_UID=u1"));

        Assert.Equal(CniCommand.Add, r.Command);
        Assert.Equal(("a1_b.c-d", "/proc/42/ns/net", "net1"), (r.ContainerId, r.Netns, r.IfName));
        Assert.Equal(["/opt/cni/bin", "/usr/lib/cni"], r.Path);
        Assert.Equal("u1", r.Args["K8S_POD_UID"]);
    }

    [Theory]
    [InlineData("eth0")]
    [InlineData("e")]
    [InlineData("veth0123456789a")]
    [InlineData("net-1.100")]
    [InlineData("ééééééé")]
    public void Valid_interface_names_pass(string name) => Assert.True(CniNames.IsValidIfName(name));

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("veth0123456789ab")]
    [InlineData("a b")]
    [InlineData("a\nb")]
    [InlineData("a/b")]
    [InlineData("a:b")]
    [InlineData("éééééééé")]
    public void Invalid_interface_names_fail(string name) => Assert.False(CniNames.IsValidIfName(name));

    [Theory]
    [InlineData("abc", true)]
    [InlineData("0", true)]
    [InlineData("A.b_c-9", true)]
    [InlineData("_abc", false)]
    [InlineData(".abc", false)]
    [InlineData("ab c", false)]
    [InlineData("ab;c", false)]
    [InlineData("", false)]
    public void Identifiers_follow_the_spec_pattern(string id, bool valid) => Assert.Equal(valid, CniNames.IsValidIdentifier(id));

    [Fact]
    public void Args_split_on_first_equals_skip_empty_segments_and_keep_the_last_duplicate()
    {
        var args = CniArgs.Parse(";IgnoreUnknown=1;K8S_POD_NAME=a;;TOKEN=YWJj==;K8S_POD_NAME=b;EMPTY=;");

        Assert.Equal(4, args.Count);
        Assert.Equal(("1", "b", "YWJj==", ""), (args["IgnoreUnknown"], args["K8S_POD_NAME"], args["TOKEN"], args["EMPTY"]));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(";;")]
    public void No_args_is_an_empty_map(string? value) => Assert.Empty(CniArgs.Parse(value));

    [Fact]
    public void Gc_needs_only_the_path()
    {
        var r = Parse(("CNI_COMMAND", "GC"), ("CNI_PATH", "/opt/cni/bin"));

        Assert.Equal((CniCommand.Gc, null, null, null), (r.Command, r.ContainerId, r.Netns, r.IfName));
    }

    [Fact]
    public void Status_needs_nothing()
    {
        Assert.Equal(CniCommand.Status, Parse(("CNI_COMMAND", "STATUS")).Command);
    }

    [Fact]
    public void Unknown_command_names_the_value()
    {
        var e = Assert.Throws<CniException>(() => Parse(("CNI_COMMAND", "REMOVE")));

        Assert.Equal((4, "unknown CNI_COMMAND: REMOVE"), (e.Code, e.Message));
    }
}
