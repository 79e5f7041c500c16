using System.Text.Json;
using SpiderPlugins.Core.Logging;

namespace SpiderPlugins.Plugins.Tests.Core;

public sealed class LoggerTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("spt-log-");

    public void Dispose() => _dir.Delete(true);

    [Fact]
    public void WritesJsonLinesWithLevelFieldsAndMessageAndFiltersByLevel()
    {
        var path = Path.Combine(_dir.FullName, "veth.log");
        using (var log = Logger.ToFile(LogLevel.Info, path, 1024 * 1024, 3))
        {
            log.With("containerID", "c1");
            log.Debug("hidden");
            log.Info("shown \"quoted\"");
            log.Error("bad");
        }

        var lines = File.ReadAllLines(path);
        Assert.Equal(2, lines.Length);
        var first = JsonDocument.Parse(lines[0]).RootElement;
        Assert.Equal("info", first.GetProperty("level").GetString());
        Assert.Equal("c1", first.GetProperty("containerID").GetString());
        Assert.Equal("shown \"quoted\"", first.GetProperty("msg").GetString());
        Assert.Equal("error", JsonDocument.Parse(lines[1]).RootElement.GetProperty("level").GetString());
    }

    [Fact]
    public void RotatesBySizeAndKeepsAtMostTheConfiguredCopies()
    {
        var path = Path.Combine(_dir.FullName, "veth.log");
        for (var i = 0; i < 6; i++)
        {
            using var log = Logger.ToFile(LogLevel.Debug, path, 200, 2);
            for (var j = 0; j < 5; j++)
            {
                log.Info($"call {i} line {j} with some padding to pass the limit");
            }
        }

        var files = Directory.GetFiles(_dir.FullName).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["veth.log", "veth.log.1", "veth.log.2"], files);
        Assert.Contains("call 5", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Contains("call 4", File.ReadAllText(path + ".1"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("relative/x.log", "must be an absolute path")]
    [InlineData("/var/log/../x.log", "must not contain '.' or '..' components")]
    [InlineData("/var/log/./x.log", "must not contain '.' or '..' components")]
    public void UnsafePathsAreNamed(string path, string problem) => Assert.Equal(problem, SafePath.Problem(path));

    [Fact]
    public void PathThroughASymlinkIsRefusedAndAPlainOneAccepted()
    {
        var real = Directory.CreateDirectory(Path.Combine(_dir.FullName, "real"));
        Directory.CreateSymbolicLink(Path.Combine(_dir.FullName, "link"), real.FullName);
        Assert.StartsWith("goes through the symbolic link", SafePath.Problem(Path.Combine(_dir.FullName, "link", "x.log")), StringComparison.Ordinal);
        Assert.Null(SafePath.Problem(Path.Combine(real.FullName, "sub", "x.log")));
    }
}
