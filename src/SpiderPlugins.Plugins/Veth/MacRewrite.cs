using System.Net;
using SpiderPlugins.Core.Logging;
using SpiderPlugins.Core.Model;
using SpiderPlugins.Core.Neighbors;
using SpiderPlugins.Netlink;
using SpiderPlugins.Netlink.Objects;

namespace SpiderPlugins.Plugins.Veth;

/// <summary>
/// A MAC derived from the pod IP behind a 2-byte prefix, so a pod that comes back with its IP comes back with its
/// MAC. After the change every address is announced (gratuitous ARP, unsolicited NA) so peers' caches follow at once.
/// </summary>
public static class MacRewrite
{
    private static readonly TimeSpan RunningTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The first IPv4 address, else the first IPv6 one (addresses come IPv4 first).</summary>
    public static IPAddress SourceAddress(IReadOnlyList<Address> addrs) => addrs[0].Ip;

    public static Link Apply(NetnsHandle pod, RtNetlink nl, Link iface, IReadOnlyList<Address> addrs, byte[] prefix, Logger log)
    {
        if (addrs.Count == 0)
        {
            throw new Cni.CniException(Cni.CniErrorCode.Internal, $"cannot derive a MAC: {iface.Name} has no usable IP address");
        }

        var mac = Mac.FromIp(prefix, SourceAddress(addrs));
        if (!iface.Mac.AsSpan().SequenceEqual(mac))
        {
            nl.SetMac(iface.Index, mac);
            log.Info($"{iface.Name} MAC {Format.Mac(iface.Mac)} -> {Format.Mac(mac)}");
        }

        var updated = nl.GetLink(iface.Index) ?? iface;
        if (updated.IsUp)
        {
            try
            {
                nl.WaitRunning(iface.Index, RunningTimeout);
                var ips = addrs.Select(a => a.Ip).ToList();
                Netns.Run(pod, () => Announcer.Announce(iface.Index, mac, ips));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Announcements speed up convergence; peers still learn the MAC on their next resolution.
                log.Warn($"announcing the new MAC of {iface.Name} failed: {e.Message}");
            }
        }

        return updated;
    }
}
