namespace SpiderPlugins.Core.Naming;

/// <summary>Every name and number the plugins put into the kernel, in one place.</summary>
public static class Names
{
    /// <summary>The pod end of the veth pair; all plugins we replace use it, and users' runbooks know it.</summary>
    public const string PodVeth = "veth0";

    /// <summary>Host-side veth names start with this, followed by 11 characters derived from the container ID.</summary>
    public const string HostVethPrefix = "veth";

    /// <summary>Host table for routes to pod IPs, as spiderpool uses it (host_rule_table / hostRuleTable).</summary>
    public const uint DefaultHostTable = 500;

    /// <summary>Priority of the host rule `from all lookup 500`: ahead of main (32766) so pod IPs win over connected subnets.</summary>
    public const uint HostRulePriority = 1000;

    /// <summary>Table of the first secondary NIC (net1) in the veth dialects; net&lt;N&gt; uses 100 + N - 1.</summary>
    public const uint FirstNicTable = 100;

    /// <summary>Pod rule priority for a NIC's table is this plus (table - FirstNicTable): unique per NIC, ahead of main.</summary>
    public const uint PodRuleBasePriority = 1000;

    /// <summary>Route protocol we stamp on routes we add (RTPROT_STATIC), so they are told apart from kernel routes.</summary>
    public const byte RouteProtocol = 4;

    /// <summary>Default directory of per-attachment state files.</summary>
    public const string DefaultStateDir = "/var/lib/cni/spider-plugins";

    /// <summary>The kernel's main routing table.</summary>
    public const uint MainTable = 254;

    /// <summary>RT_SCOPE_LINK: the destination is directly on the link.</summary>
    public const byte ScopeLink = 253;

    /// <summary>Linux IFNAMSIZ - 1.</summary>
    public const int MaxIfNameLength = 15;
}
