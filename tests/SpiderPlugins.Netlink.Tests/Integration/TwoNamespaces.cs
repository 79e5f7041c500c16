using System.Text.Json;

namespace SpiderPlugins.Netlink.Tests.Integration;

/// <summary>
/// Namespaces A and B joined by veth va (in A) / vb (in B), both up and running, with a netlink socket in each.
/// Most tests need exactly this, so the topology is built once per test here, with our own API.
/// </summary>
public abstract class TwoNamespaces : NetnsTest
{
    protected TwoNamespaces()
    {
        A = NewNamespace("a");
        B = NewNamespace("b");
        NsB = OpenNs(B);
        NlA = OpenNl(A);
        NlB = OpenNl(B);
        NlA.CreateVeth("va", "vb", NsB);
        Va = NlA.GetLink("va")!.Index;
        Vb = NlB.GetLink("vb")!.Index;
        NlA.SetUp(Va);
        NlB.SetUp(Vb);
        NlA.WaitRunning(Va, TimeSpan.FromSeconds(5));
        NlB.WaitRunning(Vb, TimeSpan.FromSeconds(5));
    }

    protected string A { get; }
    protected string B { get; }
    protected NetnsHandle NsB { get; }
    protected RtNetlink NlA { get; }
    protected RtNetlink NlB { get; }
    protected int Va { get; }
    protected int Vb { get; }

    /// <summary>The single element of an `ip -j` array, or a failure naming what was expected.</summary>
    protected static JsonElement Single(JsonElement array, string what)
    {
        Assert.True(array.GetArrayLength() == 1, $"expected exactly one {what}, ip says: {array}");
        return array[0];
    }
}
