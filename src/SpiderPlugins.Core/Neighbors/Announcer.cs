using System.Net;
using System.Net.Sockets;

namespace SpiderPlugins.Core.Neighbors;

/// <summary>
/// Tells the link that addresses now live at a MAC (after a MAC rewrite, or when the link was already
/// up so the kernel sent nothing): gratuitous ARP for IPv4, unsolicited Neighbor Advertisement for IPv6.
/// Runs in the network namespace of the calling thread.
/// </summary>
public static class Announcer
{
    public static void Announce(int ifindex, byte[] mac, IReadOnlyList<IPAddress> ips, int count = 1) =>
        Announce(ifindex, mac, ips, count, TimeSpan.Zero);

    /// <summary>
    /// Sends <paramref name="count"/> rounds, <paramref name="interval"/> apart. Every address is tried
    /// even if one fails; the first failure is thrown afterwards.
    /// </summary>
    /// <exception cref="NeighborDiscoveryException">opening a socket or sending failed.</exception>
    public static void Announce(int ifindex, byte[] mac, IReadOnlyList<IPAddress> ips, int count, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(mac);
        ArgumentNullException.ThrowIfNull(ips);
        MacAddress.RequireValid(mac, nameof(mac));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ifindex);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.Zero);

        var (v4, v6) = AddressLists.ByFamily(ips);

        // Send-only sockets (protocol 0 at bind): nothing is ever queued for reading.
        using var arp = v4.Length > 0 ? PacketSocket.Open(ifindex, raw: false, EtherType.Arp, receive: false) : null;
        using var ndp = v6.Length > 0 ? PacketSocket.Open(ifindex, raw: true, EtherType.Ipv6, receive: false) : null;
        var garps = v4.Select(ip => ArpPacket.Gratuitous(mac, ip)).ToArray();
        var nas = v6.Select(ip => NdpFrame.UnsolicitedAdvertisement(mac, ip)).ToArray();

        NeighborDiscoveryException? first = null;
        for (var round = 0; round < count; round++)
        {
            if (round > 0 && interval > TimeSpan.Zero)
            {
                Thread.Sleep(interval);    // pacing between announcement rounds (RFC 5227 §2.3), not synchronisation
            }

            for (var i = 0; i < v4.Length; i++)
            {
                var error = TrySend(arp!, garps[i], MacAddress.Broadcast, v4[i]);
                first ??= error;
            }

            for (var i = 0; i < v6.Length; i++)
            {
                var error = TrySend(ndp!, nas[i], nas[i].AsSpan(0, MacAddress.Length), v6[i]);
                first ??= error;
            }
        }

        if (first is not null)
        {
            throw first;
        }
    }

    private static NeighborDiscoveryException? TrySend(PacketSocket socket, byte[] data, ReadOnlySpan<byte> destination, IPAddress ip)
    {
        try
        {
            socket.Send(data, destination, ip);
            return null;
        }
        catch (NeighborDiscoveryException e)
        {
            return e;
        }
    }
}
