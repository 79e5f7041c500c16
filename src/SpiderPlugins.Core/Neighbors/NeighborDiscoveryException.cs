using System.Net;
using System.Runtime.InteropServices;

namespace SpiderPlugins.Core.Neighbors;

/// <summary>A socket call for ARP/NDP failed; carries the errno and what we were doing it for.</summary>
public sealed class NeighborDiscoveryException : Exception
{
    public NeighborDiscoveryException(string operation, int errno, int interfaceIndex, IPAddress? address)
        : base(Describe(operation, errno, interfaceIndex, address))
    {
        Operation = operation;
        Errno = errno;
        InterfaceIndex = interfaceIndex;
        Address = address;
    }

    /// <summary>The failing call, e.g. "sendto".</summary>
    public string Operation { get; }

    /// <summary>Positive errno as returned by the kernel.</summary>
    public int Errno { get; }

    public int InterfaceIndex { get; }

    /// <summary>The address being probed or announced, when the failure belongs to one.</summary>
    public IPAddress? Address { get; }

    private static string Describe(string operation, int errno, int ifindex, IPAddress? address)
    {
        var target = address is null ? $"interface index {ifindex}" : $"{address} on interface index {ifindex}";
        return $"{operation} for {target} failed: errno {errno} ({Marshal.GetPInvokeErrorMessage(errno)})";
    }
}
