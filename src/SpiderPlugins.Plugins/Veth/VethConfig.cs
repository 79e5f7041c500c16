using System.Net;
using SpiderPlugins.Core.Logging;

namespace SpiderPlugins.Plugins.Veth;

/// <summary>
/// The veth plugin's config after validation and normalisation: one model whichever schema the user wrote
/// (spidernet-io/plugins or spidernet-io/cni-plugins), so everything downstream reads one shape.
/// </summary>
public sealed record VethConfig
{
    /// <summary>Cluster, service and additional CIDRs, all routed through veth0; canonical and de-duplicated.</summary>
    public IReadOnlyList<IPNetwork> HijackCidrs { get; init; } = [];
    /// <summary>Two bytes put in front of the address-derived MAC; null = leave the MAC alone.</summary>
    public byte[]? MacPrefix { get; init; }
    /// <summary>Only rewrite and announce the MAC, configure nothing else (only_hardware / only_op_mac).</summary>
    public bool OnlyMac { get; init; }
    /// <summary>Pass prevResult through untouched (skip_call).</summary>
    public bool SkipCall { get; init; }
    /// <summary>rp_filter value written in the pod (all, default and the devices concerned); null = leave as is.</summary>
    public int? PodRpFilter { get; init; }
    /// <summary>rp_filter written on the host veth we create (never node-wide); null = leave as is.</summary>
    public int? HostVethRpFilter { get; init; }
    /// <summary>False when move_routes / migrate_route say "never": secondary NICs keep their routes in main.</summary>
    public bool MoveRoutes { get; init; } = true;
    public IpConflictOptions? IpConflict { get; init; }
    public uint HostTable { get; init; } = Core.Naming.Names.DefaultHostTable;
    /// <summary>MTU of the veth pair; null = the MTU of the pod's main interface.</summary>
    public int? VethMtu { get; init; }
    public string StateDir { get; init; } = Core.Naming.Names.DefaultStateDir;
    /// <summary>Append veth0 to the result's interfaces (off by default: Multus would report an extra network-status entry).</summary>
    public bool ReportVeth { get; init; }
    public LogLevel LogLevel { get; init; } = LogLevel.Info;
    /// <summary>Null = stderr only.</summary>
    public string? LogFile { get; init; }
    public long LogMaxBytes { get; init; } = 100L * 1024 * 1024;
    public int LogMaxFiles { get; init; } = 5;
}

/// <summary>Duplicate-address probing before the pod's addresses are relied on.</summary>
public sealed record IpConflictOptions(TimeSpan Interval, int Retries);
