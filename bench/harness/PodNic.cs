namespace SpiderPlugins.Bench;

/// <summary>
/// Creates and removes the pod's underlay NIC as macvlan + IPAM would leave it (dual-stack addresses, default
/// routes), outside the measured interval. The macvlan is created straight into the pod namespace; v6 addresses
/// use nodad so no call ever waits on duplicate address detection.
/// </summary>
internal sealed class PodNic(Spawner spawner, string ip, string podNs, string master, string ifName, string[] cidrs, string[] gateways, string batchFile)
{
    public string IfName => ifName;

    public void Create(int iteration)
    {
        var mac = $"02:be:{(iteration >> 16) & 0xff:x2}:{(iteration >> 8) & 0xff:x2}:{iteration & 0xff:x2}:01";
        spawner.Must(ip, "link", "add", "link", master, "name", ifName, "address", mac, "netns", podNs, "type", "macvlan", "mode", "bridge");
        var lines = new List<string>();
        foreach (var c in cidrs)
        {
            lines.Add($"addr add {c} dev {ifName}{(c.Contains(':', StringComparison.Ordinal) ? " nodad" : "")}");
        }

        lines.Add($"link set {ifName} up");
        foreach (var gw in gateways)
        {
            lines.Add($"route add default via {gw} dev {ifName}");
        }

        File.WriteAllLines(batchFile, lines);
        spawner.Must(ip, "-n", podNs, "-batch", batchFile);
    }

    public void Remove() => spawner.Must(ip, "-n", podNs, "link", "del", ifName);

    public bool Exists() => spawner.Exec([ip, "-n", podNs, "link", "show", ifName], Spawner.BaseEnv).ExitCode == 0;
}
