using System.Net;
using System.Net.NetworkInformation;

namespace SpiderPlugins.Core.Neighbors;

/// <summary>Another host on the link answered for <paramref name="Address"/> from <paramref name="Mac"/>.</summary>
public sealed record ConflictResult(IPAddress Address, PhysicalAddress Mac)
{
    public override string ToString() => $"{Address} is located at {MacAddress.Format(Mac.GetAddressBytes())}";
}
