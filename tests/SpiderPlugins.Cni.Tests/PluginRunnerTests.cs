using System.Net;
using SpiderPlugins.Cni.Results;
using SpiderPlugins.Cni.Tests.Support;

namespace SpiderPlugins.Cni.Tests;

public class PluginRunnerTests
{
    /// <summary>A 0.3.1 chain step as Spiderpool NADs produce it: prevResult without its own cniVersion.</summary>
    private const string Chained031 = """
        {"cniVersion":"0.3.1","name":"macvlan-vlan0","type":"veth","deviceID":"0000:3b:00.2","someFutureKey":{"a":1},
         "prevResult":{"interfaces":[{"name":"eth0","mac":"02:42:0a:06:d4:4f","sandbox":"/var/run/netns/cni-1234"}],
                       "ips":[{"version":"4","interface":0,"address":"10.6.212.79/24","gateway":"10.6.212.1"}],
                       "dns":{}}}
        """;

    [Fact]
    public void Add_passes_prevResult_through_in_the_config_version_byte_for_byte()
    {
        var run = Invocation.Run(Invocation.Env("ADD"), Chained031);

        Assert.Equal(0, run.Exit);
        Assert.Equal(
            """{"cniVersion":"0.3.1","interfaces":[{"name":"eth0","mac":"02:42:0a:06:d4:4f","sandbox":"/var/run/netns/cni-1234"}],"ips":[{"version":"4","interface":0,"address":"10.6.212.79/24","gateway":"10.6.212.1"}]}""",
            run.StdoutText);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public void Add_hands_the_plugin_the_request_and_the_converted_prevResult()
    {
        var env = Invocation.Env("ADD");
        env["CNI_ARGS"] = "IgnoreUnknown=1;K8S_POD_NAMESPACE=default;K8S_POD_NAME=web-0;;LABEL=a=b";
        env["CNI_PATH"] = "/opt/cni/bin::/usr/libexec/cni";

        var run = Invocation.Run(env, Chained031);

        var (verb, call) = Assert.Single(run.Plugin.Calls);
        Assert.Equal(CniCommand.Add, verb);
        Assert.Equal(("3f2a9c1d7e", "/var/run/netns/cni-1234", "eth0"), (call.Request.ContainerId, call.Request.Netns, call.Request.IfName));
        Assert.Equal("web-0", call.Request.Args["K8S_POD_NAME"]);
        Assert.Equal("a=b", call.Request.Args["LABEL"]);
        Assert.Equal(["/opt/cni/bin", "/usr/libexec/cni"], call.Request.Path);
        Assert.Equal(("0.3.1", "macvlan-vlan0", "veth"), (call.Config.CniVersion, call.Config.Name, call.Config.Type));
        Assert.Equal("0000:3b:00.2", call.Config.Raw.GetProperty("deviceID").GetString());
        var prev = call.Config.PrevResult!;
        Assert.Equal("0.3.1", prev.CniVersion);
        Assert.Equal(IPAddress.Parse("10.6.212.79"), prev.Ips.Single().Address);
    }

    [Fact]
    public void Appending_an_interface_keeps_every_existing_index()
    {
        var plugin = new FakePlugin
        {
            OnAdd = call =>
            {
                var r = call.Config.PrevResult!;
                r.Interfaces.Add(new CniInterface { Name = "veth0", Mac = "aa:bb:cc:dd:ee:ff", Sandbox = call.Request.Netns });
                r.Ips.Add(new CniIpConfig { Interface = r.Interfaces.Count - 1, Address = IPAddress.Parse("169.254.1.2"), PrefixLength = 32 });
                return r;
            },
        };
        var config = """
            {"cniVersion":"1.0.0","name":"net1",
             "prevResult":{"cniVersion":"1.0.0",
               "interfaces":[{"name":"host0"},{"name":"eth0","sandbox":"/var/run/netns/cni-1234"}],
               "ips":[{"interface":1,"address":"10.6.212.79/24"},{"address":"10.9.0.1/16"},{"interface":0,"address":"2001:db8::1/64"}]}}
            """;

        var run = Invocation.Run(Invocation.Env("ADD"), config, plugin);

        Assert.Equal(
            """{"cniVersion":"1.0.0","interfaces":[{"name":"host0"},{"name":"eth0","sandbox":"/var/run/netns/cni-1234"},{"name":"veth0","mac":"aa:bb:cc:dd:ee:ff","sandbox":"/var/run/netns/cni-1234"}],"ips":[{"interface":1,"address":"10.6.212.79/24"},{"address":"10.9.0.1/16"},{"interface":0,"address":"2001:db8::1/64"},{"interface":2,"address":"169.254.1.2/32"}]}""",
            run.StdoutText);
    }

    [Theory]
    [InlineData("DEL", """{"cniVersion":"0.3.1","name":"net1"}""")]
    [InlineData("CHECK", """{"cniVersion":"0.4.0","name":"net1","prevResult":{"ips":[{"version":"4","address":"10.1.2.3/24"}]}}""")]
    [InlineData("GC", """{"cniVersion":"1.1.0","name":"net1"}""")]
    [InlineData("STATUS", """{"cniVersion":"1.1.0","name":"net1"}""")]
    public void Verbs_other_than_add_print_nothing_on_success(string verb, string config)
    {
        var run = Invocation.Run(Invocation.Env(verb), config);

        Assert.Equal(0, run.Exit);
        Assert.Empty(run.Stdout);
        Assert.Equal(CniEnvironment.ParseCommand(verb), Assert.Single(run.Plugin.Calls).Verb);
    }

    [Fact]
    public void Del_accepts_an_empty_netns_and_no_CNI_PATH()
    {
        var env = Invocation.Env("DEL");
        env["CNI_NETNS"] = "";
        env.Remove("CNI_PATH");

        var run = Invocation.Run(env, """{"cniVersion":"1.0.0","name":"net1"}""");

        Assert.Equal(0, run.Exit);
        var call = Assert.Single(run.Plugin.Calls).Call;
        Assert.Equal("", call.Request.Netns);
        Assert.Empty(call.Request.Path);
        Assert.Null(call.Config.PrevResult);
    }

    [Fact]
    public void Add_does_not_require_CNI_PATH()
    {
        var env = Invocation.Env("ADD");
        env.Remove("CNI_PATH");

        var run = Invocation.Run(env, """{"cniVersion":"1.1.0","name":"net1","prevResult":{"ips":[{"address":"10.1.2.3/24"}]}}""");

        Assert.Equal((0, """{"cniVersion":"1.1.0","ips":[{"address":"10.1.2.3/24"}]}"""), (run.Exit, run.StdoutText));
    }

    [Fact]
    public void Status_and_gc_ignore_attachment_variables_they_do_not_use()
    {
        var env = Invocation.Env("STATUS");
        env["CNI_CONTAINERID"] = "-not valid";
        env["CNI_IFNAME"] = "a/b";
        env["CNI_ARGS"] = "garbage";

        var run = Invocation.Run(env, """{"cniVersion":"1.1.0","name":"net1"}""");

        Assert.Equal(0, run.Exit);
        Assert.Null(Assert.Single(run.Plugin.Calls).Call.Request.ContainerId);
    }

    [Fact]
    public void Status_failure_reports_code_50()
    {
        var plugin = new FakePlugin { Throw = new CniException(CniErrorCode.StatusNotAvailable, "ipam daemon down") };

        var run = Invocation.Run(Invocation.Env("STATUS"), """{"cniVersion":"1.1.0","name":"net1"}""", plugin);

        Assert.Equal((1, """{"cniVersion":"1.1.0","code":50,"msg":"ipam daemon down"}"""), (run.Exit, run.StdoutText));
    }

    [Fact]
    public void Stdout_gets_exactly_one_document_in_one_write()
    {
        using var stdin = new MemoryStream("""{"cniVersion":"1.0.0","name":"net1","prevResult":{"ips":[{"address":"10.1.2.3/24"}]}}"""u8.ToArray());
        using var stdout = new CountingStream();
        using var stderr = new StringWriter();

        var exit = PluginRunner.Run(new FakePlugin(), Invocation.Env("ADD"), stdin, stdout, stderr);

        Assert.Equal(0, exit);
        Assert.Equal((1, 1), (stdout.Writes, stdout.Flushes));
        using var doc = System.Text.Json.JsonDocument.Parse(stdout.ToArray());
        Assert.Equal("1.0.0", doc.RootElement.GetProperty("cniVersion").GetString());
    }

    /// <summary>Counts writes and flushes as the runner makes them, without MemoryStream's own span-to-array forwarding.</summary>
    private sealed class CountingStream : Stream
    {
        private readonly MemoryStream _inner = new();

        public int Writes { get; private set; }

        public int Flushes { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _inner.Length;

        public override long Position { get => _inner.Position; set => throw new NotSupportedException(); }

        public byte[] ToArray() => _inner.ToArray();

        public override void Write(byte[] buffer, int offset, int count)
        {
            Writes++;
            _inner.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Writes++;
            _inner.Write(buffer);
        }

        public override void Flush() => Flushes++;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
