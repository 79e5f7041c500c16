using System.Text.Json;

namespace SpiderPlugins.Plugins.Tests.Integration;

/// <summary>
/// A throwaway node: a switch namespace with two bridges (underlay subnets A and B, with their gateways and an
/// external client on A), a node namespace whose "physical" NICs ens192/ens224 plug into them, and pod namespaces
/// whose eth0/net1 are macvlans of those NICs configured as the macvlan plugin would. All names are spt-vt-&lt;id&gt;-*;
/// Dispose deletes every namespace, so nothing survives a failed assertion.
/// </summary>
internal sealed class NodeBed : IDisposable
{
    public const string NodeA4 = "172.30.1.11", NodeA6 = "fd00:30:1::11", GwA4 = "172.30.1.1", GwA6 = "fd00:30:1::1";
    public const string NodeB4 = "172.30.2.11", GwB4 = "172.30.2.1", ClientA4 = "172.30.1.50", ClientA6 = "fd00:30:1::50";

    private readonly List<string> _namespaces = [];

    public NodeBed()
    {
        Id = $"{Environment.ProcessId % 100000}{Random.Shared.Next(1000, 9999)}";
        StateDir = Path.Combine(Path.GetTempPath(), $"spt-vt-{Id}-state");
        try
        {
            Build();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Id { get; }
    public string Switch => $"spt-vt-{Id}-sw";
    public string Node => $"spt-vt-{Id}-node";
    public string Client => $"spt-vt-{Id}-cl";
    public string StateDir { get; }

    public string PodNs(string pod) => $"spt-vt-{Id}-{pod}";

    public string NetnsPath(string pod) => $"/var/run/netns/{PodNs(pod)}";

    private void AddNs(string name)
    {
        Ip.Run("netns", "add", name);
        _namespaces.Add(name);
        Ip.Ns(name, "link", "set", "lo", "up");
    }

    private void Build()
    {
        AddNs(Switch);
        AddNs(Node);
        AddNs(Client);
        foreach (var (br, v4, v6) in new[] { ("br0", GwA4, GwA6), ("br1", GwB4, "fd00:30:2::1") })
        {
            Ip.Ns(Switch, "link", "add", br, "type", "bridge");
            Ip.Ns(Switch, "link", "set", br, "up");
            Ip.Ns(Switch, "addr", "add", v4 + "/24", "dev", br);
            Ip.Ns(Switch, "addr", "add", v6 + "/64", "dev", br, "nodad");
        }

        foreach (var (nic, br, v4, v6) in new[] { ("ens192", "br0", NodeA4, NodeA6), ("ens224", "br1", NodeB4, "fd00:30:2::11") })
        {
            Ip.Ns(Node, "link", "add", nic, "type", "veth", "peer", "name", "p-" + nic, "netns", Switch);
            Ip.Ns(Switch, "link", "set", "p-" + nic, "master", br, "up");
            Ip.Ns(Node, "link", "set", nic, "up");
            Ip.Ns(Node, "addr", "add", v4 + "/24", "dev", nic);
            Ip.Ns(Node, "addr", "add", v6 + "/64", "dev", nic, "nodad");
        }

        Ip.Ns(Node, "route", "add", "default", "via", GwA4);
        Ip.InNs(Node, "sysctl", "-qw", "net.ipv4.ip_forward=1", "net.ipv6.conf.all.forwarding=1");
        Ip.Ns(Client, "link", "add", "eth0", "type", "veth", "peer", "name", "p-client", "netns", Switch);
        Ip.Ns(Switch, "link", "set", "p-client", "master", "br0", "up");
        Ip.Ns(Client, "link", "set", "eth0", "up");
        Ip.Ns(Client, "addr", "add", ClientA4 + "/24", "dev", "eth0");
        Ip.Ns(Client, "addr", "add", ClientA6 + "/64", "dev", "eth0", "nodad");
    }

    /// <summary>A pod namespace with a macvlan of <paramref name="master"/> named <paramref name="ifName"/> (as macvlan + IPAM leave it).</summary>
    public void AddPodNic(string pod, string ifName, string master, string[] cidrs, string? gw4 = null, string? gw6 = null, int metric = 0)
    {
        if (!_namespaces.Contains(PodNs(pod)))
        {
            AddNs(PodNs(pod));
        }

        var tmp = $"mv{Random.Shared.Next(10000, 99999)}";
        Ip.Ns(Node, "link", "add", tmp, "link", master, "type", "macvlan", "mode", "bridge");
        Ip.Ns(Node, "link", "set", tmp, "netns", PodNs(pod));
        Ip.Ns(PodNs(pod), "link", "set", tmp, "name", ifName);
        foreach (var c in cidrs)
        {
            Ip.Ns(PodNs(pod), c.Contains(':', StringComparison.Ordinal) ? ["addr", "add", c, "dev", ifName, "nodad"] : ["addr", "add", c, "dev", ifName]);
        }

        Ip.Ns(PodNs(pod), "link", "set", ifName, "up");
        if (gw4 is not null)
        {
            Ip.Ns(PodNs(pod), "route", "add", "default", "via", gw4, "dev", ifName, "metric", metric.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (gw6 is not null)
        {
            Ip.Ns(PodNs(pod), "-6", "route", "add", "default", "via", gw6, "dev", ifName, "metric", (1024 + metric).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public void DeletePodNs(string pod)
    {
        Ip.Run("netns", "del", PodNs(pod));
        _namespaces.Remove(PodNs(pod));
    }

    /// <summary>A chained veth config with prevResult naming the pod's interface and addresses.</summary>
    public string Config(string pod, string ifName, string[] cidrs, string extra = "", string version = "1.0.0", bool withPrevResult = true)
    {
        var ips = string.Join(",", cidrs.Select(c => version.StartsWith("0.", StringComparison.Ordinal)
            ? $$"""{"version":"{{(c.Contains(':', StringComparison.Ordinal) ? "6" : "4")}}","interface":0,"address":"{{c}}"}"""
            : $$"""{"interface":0,"address":"{{c}}"}"""));
        var prev = withPrevResult
            ? $$""","prevResult":{"cniVersion":"{{version}}","interfaces":[{"name":"{{ifName}}","mac":"02:00:00:00:00:01","sandbox":"{{NetnsPath(pod)}}"}],"ips":[{{ips}}]}"""
            : "";
        return $$"""{"cniVersion":"{{version}}","name":"underlay","type":"veth","cluster_cidr":["10.233.64.0/18","fd00:233:64::/112"],"service_cidr":["10.233.0.0/18","fd00:233::/112"],"state_dir":"{{StateDir}}"{{extra}}{{prev}}}""";
    }

    public PluginProcess.Outcome Cni(string verb, string containerId, string pod, string ifName, string config, string? netns = null, string? failAt = null) =>
        PluginProcess.Run(Node, PluginProcess.Plugin("veth"), new Dictionary<string, string>
        {
            ["SPIDER_PLUGINS_TEST_FAIL_AT"] = failAt ?? "",
            ["CNI_COMMAND"] = verb,
            ["CNI_CONTAINERID"] = containerId,
            ["CNI_NETNS"] = netns ?? NetnsPath(pod),
            ["CNI_IFNAME"] = ifName,
            ["CNI_PATH"] = "/opt/cni/bin",
            ["CNI_ARGS"] = "IgnoreUnknown=1;K8S_POD_NAMESPACE=default;K8S_POD_NAME=" + pod,
        }, config);

    public PluginProcess.Outcome Ok(string verb, string containerId, string pod, string ifName, string config)
    {
        var o = Cni(verb, containerId, pod, ifName, config);
        Assert.True(o.ExitCode == 0, $"{verb} failed ({o.ExitCode}): {o.Stdout} {o.Stderr}");
        return o;
    }

    public static IEnumerable<string> Lines(JsonElement routes, Func<JsonElement, string> f) => routes.EnumerateArray().Select(f);

    public void Dispose()
    {
        foreach (var ns in Enumerable.Reverse(_namespaces).ToList())
        {
            try
            {
                Ip.Run("netns", "del", ns);
            }
            catch (InvalidOperationException)
            {
            }
        }

        _namespaces.Clear();
        try
        {
            Directory.Delete(StateDir, true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
