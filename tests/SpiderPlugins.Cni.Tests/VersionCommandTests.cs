using SpiderPlugins.Cni.Tests.Support;

namespace SpiderPlugins.Cni.Tests;

public class VersionCommandTests
{
    private const string Supported = """["0.1.0","0.2.0","0.3.0","0.3.1","0.4.0","1.0.0","1.1.0"]""";

    [Theory]
    [InlineData("", "1.1.0")]
    [InlineData("""{"cniVersion":"0.4.0"}""", "0.4.0")]
    [InlineData("""{"cniVersion":"0.1.0"}""", "0.1.0")]
    [InlineData("""{"cniVersion":"1.1.0"}""", "1.1.0")]
    [InlineData("""{"cniVersion":"9.9.9"}""", "1.1.0")]
    [InlineData("""{}""", "1.1.0")]
    [InlineData("not json at all", "1.1.0")]
    public void Version_answers_exactly_and_never_fails_on_its_stdin(string stdin, string echoed)
    {
        var run = Invocation.Run(Invocation.Env("VERSION"), stdin);

        Assert.Equal(0, run.Exit);
        Assert.Equal($$"""{"cniVersion":"{{echoed}}","supportedVersions":{{Supported}}}""", run.StdoutText);
        Assert.Empty(run.Plugin.Calls);
    }

    [Fact]
    public void Version_ignores_the_fake_env_libcni_probes_with()
    {
        var env = Invocation.Env("VERSION");
        env["CNI_NETNS"] = "dummy";
        env["CNI_IFNAME"] = "a/b: not valid";
        env["CNI_CONTAINERID"] = "-bad";
        env["CNI_ARGS"] = "garbage";
        env["CNI_PATH"] = "dummy";

        var run = Invocation.Run(env, """{"cniVersion":"1.1.0"}""");

        Assert.Equal((0, $$"""{"cniVersion":"1.1.0","supportedVersions":{{Supported}}}"""), (run.Exit, run.StdoutText));
    }
}
