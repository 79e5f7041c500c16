using SpiderPlugins.Core.State;

namespace SpiderPlugins.Plugins.Tests.Core;

public sealed class StateStoreTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("spt-state-");

    public void Dispose() => _dir.Delete(true);

    private static AttachmentState Sample(string id, string ifName = "eth0") => new()
    {
        ContainerId = id,
        IfName = ifName,
        Netns = "/var/run/netns/x",
        Primary = ifName == "eth0",
        HostVeth = "veth0123456789a",
        HostTable = 500,
        NicTable = ifName == "eth0" ? null : 100,
        PodIps = ["172.30.1.100", "fd00::100"],
        NodeIps = ["172.30.1.11"],
    };

    [Fact]
    public void RoundTripsAndLeavesNoTemporaryFiles()
    {
        var store = new StateStore(Path.Combine(_dir.FullName, "new-subdir"));
        store.Save(Sample("c1"));
        store.Save(Sample("c1", "net1"));
        var loaded = store.Load("c1", "net1", out var problem);
        Assert.Null(problem);
        Assert.Equal(Sample("c1", "net1") with { PodIps = loaded!.PodIps, NodeIps = loaded.NodeIps }, loaded);
        Assert.Equal(["172.30.1.100", "fd00::100"], loaded.PodIps);
        Assert.Equal(["c1-eth0.json", "c1-net1.json"], Directory.GetFiles(store.Directory).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"containerId\":")]
    [InlineData("[]")]
    [InlineData("{\"containerId\":\"c1\"}")]
    [InlineData("{\"containerId\":\"c1\",\"ifName\":\"eth0\",\"primary\":\"yes\",\"hostVeth\":\"v\",\"hostTable\":500}")]
    public void CorruptFilesReadAsMissingWithAReason(string content)
    {
        var store = new StateStore(_dir.FullName);
        File.WriteAllText(store.PathFor("c1", "eth0"), content);
        Assert.Null(store.Load("c1", "eth0", out var problem));
        Assert.Contains("unreadable", problem, StringComparison.Ordinal);
        Assert.Single(store.List(), e => e.State is null);
    }

    [Fact]
    public void MissingDirectoryIsEmpty()
    {
        var store = new StateStore(Path.Combine(_dir.FullName, "absent"));
        Assert.Null(store.Load("c1", "eth0", out var problem));
        Assert.Null(problem);
        Assert.Empty(store.List());
        store.Delete("c1", "eth0");
    }
}
