using SpiderPlugins.Core.Naming;
using SpiderPlugins.Plugins.Tests.Integration;
using SpiderPlugins.Plugins.Tests.Stress;
using static SpiderPlugins.Plugins.Tests.Integration.NodeBed;

namespace SpiderPlugins.Plugins.Tests.Faults;

/// <summary>
/// What a node looks like after crashes, disk trouble and operators: the attachment's state file damaged or
/// replaced, the state directory gone, the host veth deleted by hand. Whatever the damage, the runtime's next call
/// must succeed: a DEL (exit 0, nothing left), or a repeated ADD (exit 0, CHECK passes, and a later DEL leaves nothing).
/// </summary>
[Collection(HeavyCollection.Name)]
public class DamagedStateTests
{
    private static readonly string[] Dual = ["172.30.1.100/24", "fd00:30:1::100/64"];

    public enum Damage
    {
        StateCorrupted,
        StateTruncated,
        StateEmpty,
        StateIsADirectory,
        StateDirectoryMissing,
        HostVethDeleted,
    }

    [Theory]
    [InlineData(Damage.StateCorrupted, "DEL")]
    [InlineData(Damage.StateCorrupted, "ADD")]
    [InlineData(Damage.StateTruncated, "DEL")]
    [InlineData(Damage.StateTruncated, "ADD")]
    [InlineData(Damage.StateEmpty, "DEL")]
    [InlineData(Damage.StateEmpty, "ADD")]
    [InlineData(Damage.StateIsADirectory, "DEL")]
    [InlineData(Damage.StateIsADirectory, "ADD")]
    [InlineData(Damage.StateDirectoryMissing, "DEL")]
    [InlineData(Damage.StateDirectoryMissing, "ADD")]
    [InlineData(Damage.HostVethDeleted, "DEL")]
    [InlineData(Damage.HostVethDeleted, "ADD")]
    public void NextCallAfterDamageSucceedsAndEndsClean(Damage damage, string nextVerb)
    {
        using var bed = new NodeBed();
        bed.AddPodNic("p1", "eth0", "ens192", Dual, GwA4, GwA6);
        var config = bed.Config("p1", "eth0", Dual);
        var clean = NodeCensus.Take(bed);
        Plugin.Ok(bed, "ADD", "c1", "p1", config);
        Apply(bed, damage);

        var next = Plugin.Run(bed, nextVerb, "c1", "p1", config);
        Assert.True(next.ExitCode == 0, $"{nextVerb} after {damage} failed ({next.ExitCode}): {next.Stdout} {next.Stderr}");
        if (nextVerb == "DEL")
        {
            Assert.Equal("", next.Stdout);
            NodeCensus.AssertUnchanged(clean, bed, $"DEL after {damage}");
            Assert.Null(Kernel.Link(bed.PodNs("p1"), "veth0"));
            Plugin.Ok(bed, "ADD", "c1", "p1", config); // the pod is recreated with the same container ID
        }

        Plugin.Ok(bed, "CHECK", "c1", "p1", config);
        Assert.True(Kernel.Ping(bed.Node, "172.30.1.100"));
        Assert.True(Kernel.Ping(bed.PodNs("p1"), NodeA6));
        Plugin.Ok(bed, "DEL", "c1", "p1", config);
        NodeCensus.AssertUnchanged(clean, bed, $"final DEL after {damage} and {nextVerb}");
    }

    private static void Apply(NodeBed bed, Damage damage)
    {
        var state = Path.Combine(bed.StateDir, "c1-eth0.json");
        Assert.True(File.Exists(state), "ADD wrote no state file where expected");
        switch (damage)
        {
            case Damage.StateCorrupted:
                File.WriteAllBytes(state, [0xff, 0xfe, (byte)'{', (byte)'"', 0x00, 0x80]);
                break;
            case Damage.StateTruncated:
                var bytes = File.ReadAllBytes(state);
                File.WriteAllBytes(state, bytes[..(bytes.Length / 2)]);
                break;
            case Damage.StateEmpty:
                File.WriteAllBytes(state, []);
                break;
            case Damage.StateIsADirectory:
                File.Delete(state);
                Directory.CreateDirectory(state);
                break;
            case Damage.StateDirectoryMissing:
                Directory.Delete(bed.StateDir, true);
                break;
            case Damage.HostVethDeleted:
                Ip.Ns(bed.Node, "link", "del", HostVethName.For("c1"));
                break;
        }
    }
}
