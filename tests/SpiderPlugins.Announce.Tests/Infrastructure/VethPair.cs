using System.Net;
using System.Net.NetworkInformation;

namespace SpiderPlugins.Announce.Tests.Infrastructure;

/// <summary>
/// Two throw-away namespaces joined by a veth: `va` in A (where the code under test runs), `vb` in B
/// (the other host on the link). Both ends are RUNNING before the constructor returns.
/// </summary>
public sealed class VethPair : IDisposable
{
    public static readonly PhysicalAddress MacA = PhysicalAddress.Parse("02:aa:00:00:00:01");
    public static readonly PhysicalAddress MacB = PhysicalAddress.Parse("02:bb:00:00:00:02");
    public static readonly IPAddress V4A = IPAddress.Parse("10.77.0.1");
    public static readonly IPAddress V4B = IPAddress.Parse("10.77.0.2");
    public static readonly IPAddress V4Free = IPAddress.Parse("10.77.0.99");
    public static readonly IPAddress V6A = IPAddress.Parse("fd00:77::1");
    public static readonly IPAddress V6B = IPAddress.Parse("fd00:77::2");
    public static readonly IPAddress V6Free = IPAddress.Parse("fd00:77::99");

    public VethPair()
    {
        var unique = $"{Environment.ProcessId:x}{Random.Shared.Next(0x10000):x4}";
        A = $"spt-an-{unique}-a";
        B = $"spt-an-{unique}-b";
        try
        {
            Ip.Run("netns", "add", A);
            Ip.Run("netns", "add", B);
            Ip.Run("-n", A, "link", "add", "va", "address", Text(MacA), "type", "veth",
                "peer", "name", "vb", "address", Text(MacB), "netns", B);
            Ip.Run("-n", A, "addr", "add", $"{V4A}/24", "dev", "va");
            Ip.Run("-n", A, "addr", "add", $"{V6A}/64", "dev", "va", "nodad");
            Ip.Run("-n", B, "addr", "add", $"{V4B}/24", "dev", "vb");
            Ip.Run("-n", B, "addr", "add", $"{V6B}/64", "dev", "vb", "nodad");
            Ip.Run("-n", A, "link", "set", "va", "up");
            Ip.Run("-n", B, "link", "set", "vb", "up");

            // veth operstate is updated lazily; asking for the link (RTM_GETLINK) settles it.
            Ip.WaitUntil(() => OperState(A, "va") == "UP" && OperState(B, "vb") == "UP", "veth ends RUNNING");
            IfindexA = Ip.Json("-n", A, "link", "show", "va")[0].GetProperty("ifindex").GetInt32();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string A { get; }

    public string B { get; }

    public int IfindexA { get; }

    /// <summary>The MAC B's kernel holds for <paramref name="ip"/>, or null without an entry.</summary>
    public string? NeighbourMacInB(IPAddress ip)
    {
        var entries = Ip.Json("-n", B, "neigh", "show", ip.ToString(), "dev", "vb");
        return entries.GetArrayLength() == 0 || !entries[0].TryGetProperty("lladdr", out var mac) ? null : mac.GetString();
    }

    public static string Text(PhysicalAddress mac) => SpiderPlugins.Core.Neighbors.MacAddress.Format(mac.GetAddressBytes());

    public void Dispose()
    {
        foreach (var ns in new[] { A, B })
        {
            try
            {
                Ip.Run("netns", "delete", ns);
            }
            catch (InvalidOperationException)
            {
                // Not created (setup failed early); nothing to clean.
            }
        }
    }

    private static string? OperState(string ns, string link) =>
        Ip.Json("-n", ns, "link", "show", link)[0].GetProperty("operstate").GetString();
}
