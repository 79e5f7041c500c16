using System.Diagnostics;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using SpiderPlugins.Core.Neighbors.Interop;

namespace SpiderPlugins.Core.Neighbors;

/// <summary>
/// Address conflict detection before an address is used: RFC 5227 ARP probes for IPv4 and RFC 4862
/// DAD-style Neighbor Solicitations for IPv6, both families in one loop sharing one schedule.
/// Runs in the network namespace of the calling thread (the sockets are created there).
/// </summary>
public static class ConflictProbe
{
    private const int ReceiveBufferSize = 4096;

    /// <summary>
    /// Sends <paramref name="retries"/> rounds of probes, <paramref name="interval"/> apart starting
    /// immediately, and listens until <paramref name="retries"/> × <paramref name="interval"/> after
    /// the first round, so the last probe gets a full interval to be answered. Returns the first
    /// conflict seen (early), or null when the link stayed silent: silence means the addresses are free.
    /// </summary>
    /// <exception cref="NeighborDiscoveryException">a socket call failed (e.g. no CAP_NET_RAW, link gone or down).</exception>
    public static ConflictResult? Run(int ifindex, byte[] ownMac, IReadOnlyList<IPAddress> ips, TimeSpan interval, int retries)
    {
        ArgumentNullException.ThrowIfNull(ownMac);
        ArgumentNullException.ThrowIfNull(ips);
        MacAddress.RequireValid(ownMac, nameof(ownMac));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ifindex);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(retries);
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.Zero);

        var (v4, v6) = AddressLists.ByFamily(ips);
        if (v4.Length == 0 && v6.Length == 0)
        {
            return null;
        }

        using var arp = v4.Length > 0 ? PacketSocket.Open(ifindex, raw: false, EtherType.Arp, receive: true) : null;
        using var ndp = v6.Length > 0 ? PacketSocket.Open(ifindex, raw: true, EtherType.Ipv6, receive: true) : null;
        var arpProbes = v4.Select(ip => ArpPacket.Probe(ownMac, ip)).ToArray();
        var ndpProbes = v6.Select(ip => NdpFrame.DadSolicitation(ownMac, ip)).ToArray();
        var listener = new Listener(new PhysicalAddress(ownMac), v4, v6);

        var start = Stopwatch.GetTimestamp();
        var total = interval * retries;
        var sent = 0;
        while (true)
        {
            var elapsed = Stopwatch.GetElapsedTime(start);
            if (sent < retries && elapsed >= interval * sent)
            {
                for (var i = 0; i < v4.Length; i++)
                {
                    arp!.Send(arpProbes[i], MacAddress.Broadcast, v4[i]);
                }

                for (var i = 0; i < v6.Length; i++)
                {
                    ndp!.Send(ndpProbes[i], ndpProbes[i].AsSpan(0, MacAddress.Length), v6[i]);
                }

                sent++;
                continue;
            }

            var conflict = listener.Drain(arp, ndp);
            if (conflict is not null)
            {
                return conflict;
            }

            if (elapsed >= total)
            {
                return null;
            }

            var wakeAt = sent < retries ? interval * sent : total;
            Wait(arp, ndp, wakeAt - elapsed, ifindex);
        }
    }

    private static unsafe void Wait(PacketSocket? arp, PacketSocket? ndp, TimeSpan timeout, int ifindex)
    {
        var fds = stackalloc Libc.PollFd[2];
        nuint count = 0;
        foreach (var socket in new[] { arp, ndp })
        {
            if (socket is not null)
            {
                fds[count++] = new Libc.PollFd { Fd = socket.Fd, Events = Libc.POLLIN };
            }
        }

        var ms = (int)Math.Clamp(Math.Ceiling(timeout.TotalMilliseconds), 0, int.MaxValue);
        if (Libc.Poll(fds, count, ms) < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno != Libc.EINTR)     // a signal only shortens the wait; the caller recomputes it
            {
                throw new NeighborDiscoveryException("poll", errno, ifindex, null);
            }
        }
    }

    /// <summary>Decides which received frames are answers from someone else for one of our addresses.</summary>
    private sealed class Listener(PhysicalAddress ownMac, IPAddress[] v4, IPAddress[] v6)
    {
        private readonly byte[] _buffer = new byte[ReceiveBufferSize];

        public ConflictResult? Drain(PacketSocket? arp, PacketSocket? ndp)
        {
            int n;
            bool outgoing;
            while (arp is not null && (n = arp.TryReceive(_buffer, out outgoing)) >= 0)
            {
                if (!outgoing
                    && ArpPacket.TryParse(_buffer.AsSpan(0, n), out var packet)
                    && packet.Operation is ArpPacket.Request or ArpPacket.Reply
                    && !packet.SenderMac.Equals(ownMac)
                    && Array.IndexOf(v4, packet.SenderIp) >= 0)
                {
                    return new ConflictResult(packet.SenderIp, packet.SenderMac);
                }
            }

            while (ndp is not null && (n = ndp.TryReceive(_buffer, out outgoing)) >= 0)
            {
                if (!outgoing
                    && NeighborAdvertisement.TryParse(_buffer.AsSpan(0, n), out var na)
                    && !na.Owner.Equals(ownMac)
                    && !na.FrameSource.Equals(ownMac)
                    && Array.IndexOf(v6, na.Target) >= 0)
                {
                    return new ConflictResult(na.Target, na.Owner);
                }
            }

            return null;
        }
    }
}
