using System.Net;

namespace SpiderPlugins.Cni.Results;

// The result model in its newest (1.1) shape. Every supported version is converted to and from it at the edges,
// so plugins only ever see this one shape.

public sealed class CniResult
{
    public string CniVersion { get; set; } = "1.1.0";
    public List<CniInterface> Interfaces { get; set; } = [];
    public List<CniIpConfig> Ips { get; set; } = [];
    public List<CniRoute> Routes { get; set; } = [];
    public CniDns? Dns { get; set; }
}

public sealed class CniInterface
{
    public string Name { get; set; } = "";
    public string? Mac { get; set; }
    public string? Sandbox { get; set; }
    public int? Mtu { get; set; }
    public string? SocketPath { get; set; }
    public string? PciId { get; set; }
}

public sealed class CniIpConfig
{
    /// <summary>Index into <see cref="CniResult.Interfaces"/>; null when the result does not say.</summary>
    public int? Interface { get; set; }
    /// <summary>Address with the prefix length of its subnet, e.g. 10.6.212.79/24.</summary>
    public required IPAddress Address { get; set; }
    public required int PrefixLength { get; set; }
    public IPAddress? Gateway { get; set; }
}

public sealed class CniRoute
{
    public required IPNetwork Dst { get; set; }
    public IPAddress? Gw { get; set; }
    public int? Mtu { get; set; }
    public int? AdvMss { get; set; }
    public int? Priority { get; set; }
    public int? Table { get; set; }
    public int? Scope { get; set; }
}

public sealed class CniDns
{
    public List<string>? Nameservers { get; set; }
    public string? Domain { get; set; }
    public List<string>? Search { get; set; }
    public List<string>? Options { get; set; }
}
