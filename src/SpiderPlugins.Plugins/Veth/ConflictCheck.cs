using SpiderPlugins.Cni;
using SpiderPlugins.Core.Logging;
using SpiderPlugins.Core.Model;
using SpiderPlugins.Core.Neighbors;
using SpiderPlugins.Netlink;
using SpiderPlugins.Netlink.Objects;

namespace SpiderPlugins.Plugins.Veth;

/// <summary>
/// Duplicate-address detection before anything is configured: ARP probes (RFC 5227) and Neighbor Solicitations
/// from :: on the pod's interface. Silence is success in both families; another MAC answering fails the ADD.
/// </summary>
public static class ConflictCheck
{
    public static void Run(NetnsHandle pod, RtNetlink nl, Link iface, IReadOnlyList<Address> addrs, IpConflictOptions opts, Logger log)
    {
        if (addrs.Count == 0)
        {
            throw new CniException(CniErrorCode.Internal, $"interface {iface.Name} has no IP address to check for conflicts");
        }

        if (!iface.IsUp)
        {
            nl.SetUp(iface.Index);
        }

        nl.WaitRunning(iface.Index, TimeSpan.FromSeconds(2));
        var ips = addrs.Select(a => a.Ip).ToList();
        var mac = iface.Mac;
        var conflict = Netns.Run(pod, () => ConflictProbe.Run(iface.Index, mac, ips, opts.Interval, opts.Retries));
        if (conflict is not null)
        {
            throw new CniException(CniErrorCode.IpConflict,
                $"IP conflict: {conflict.Address} on {iface.Name} is already used by {Format.Mac(conflict.Mac.GetAddressBytes())}");
        }

        log.Debug($"no conflict for {string.Join(' ', ips)} after {opts.Retries} probes");
    }
}
