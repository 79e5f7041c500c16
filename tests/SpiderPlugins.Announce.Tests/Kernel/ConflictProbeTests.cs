using System.Diagnostics;
using System.Net;
using SpiderPlugins.Announce.Tests.Infrastructure;
using SpiderPlugins.Core.Neighbors;

namespace SpiderPlugins.Announce.Tests.Kernel;

/// <summary>Probes from ns A; B is the other host on the link and owns <see cref="VethPair.V4B"/>/<see cref="VethPair.V6B"/>.</summary>
public sealed class ConflictProbeTests(VethPair link) : IClassFixture<VethPair>
{
    // The loaded 2-core CI box may deschedule us; the bound is about not waiting for extra rounds.
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(250);

    private readonly byte[] _macA = VethPair.MacA.GetAddressBytes();

    [Fact]
    public void Ipv4_address_owned_by_b_is_reported_with_b_mac()
    {
        var (result, elapsed) = Probe([VethPair.V4B], TimeSpan.FromSeconds(1), retries: 5);

        Assert.Equal(new ConflictResult(VethPair.V4B, VethPair.MacB), result);
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"a conflict ends the probe early, took {elapsed}");
    }

    [Fact]
    public void Ipv6_address_owned_by_b_is_reported_with_b_mac()
    {
        var (result, elapsed) = Probe([VethPair.V6B], TimeSpan.FromSeconds(1), retries: 5);

        Assert.Equal(new ConflictResult(VethPair.V6B, VethPair.MacB), result);
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"a conflict ends the probe early, took {elapsed}");
    }

    [Fact]
    public void Free_ipv4_address_gives_null_after_exactly_the_probe_window()
    {
        var interval = TimeSpan.FromMilliseconds(100);
        var (result, elapsed) = Probe([VethPair.V4Free], interval, retries: 3);

        Assert.Null(result);
        Assert.InRange(elapsed, interval * 3, interval * 3 + Slack);
    }

    [Fact]
    public void Free_ipv6_address_gives_null_after_exactly_the_probe_window()
    {
        var interval = TimeSpan.FromMilliseconds(100);
        var (result, elapsed) = Probe([VethPair.V6Free], interval, retries: 3);

        Assert.Null(result);
        Assert.InRange(elapsed, interval * 3, interval * 3 + Slack);
    }

    [Fact]
    public void Our_own_addresses_and_our_own_frames_are_not_a_conflict()
    {
        // A holds these itself; only its own probes (and no answers) appear on the link.
        var (result, _) = Probe([VethPair.V4A, VethPair.V6A], TimeSpan.FromMilliseconds(50), retries: 2);

        Assert.Null(result);
    }

    [Fact]
    public void Dual_stack_is_probed_concurrently_within_one_window()
    {
        // Sequential families would need 2 × 450 ms; one shared schedule stays within 450 ms + slack.
        var interval = TimeSpan.FromMilliseconds(150);
        var (result, elapsed) = Probe([VethPair.V4Free, VethPair.V6Free], interval, retries: 3);

        Assert.Null(result);
        Assert.InRange(elapsed, interval * 3, interval * 3 + Slack);
    }

    [Fact]
    public void Conflict_in_one_family_is_found_among_free_addresses()
    {
        var (result, _) = Probe([VethPair.V4Free, VethPair.V6Free, VethPair.V6B], TimeSpan.FromMilliseconds(200), retries: 3);

        Assert.Equal(new ConflictResult(VethPair.V6B, VethPair.MacB), result);
    }

    [Fact]
    public void Unknown_interface_fails_with_errno_and_names_it()
    {
        var thrown = NetnsThread.Run(link.A, () => Record.Exception(() =>
            ConflictProbe.Run(9999, _macA, [VethPair.V4Free], TimeSpan.FromMilliseconds(10), 1)));

        var error = Assert.IsType<NeighborDiscoveryException>(thrown);
        Assert.Equal(19, error.Errno);    // ENODEV
        Assert.Contains("interface index 9999", error.Message);
    }

    private (ConflictResult? Result, TimeSpan Elapsed) Probe(IPAddress[] ips, TimeSpan interval, int retries) =>
        NetnsThread.Run(link.A, () =>
        {
            var start = Stopwatch.GetTimestamp();
            var result = ConflictProbe.Run(link.IfindexA, _macA, ips, interval, retries);
            return (result, Stopwatch.GetElapsedTime(start));
        });
}
