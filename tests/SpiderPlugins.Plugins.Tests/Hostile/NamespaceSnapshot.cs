using System.Text.Json.Nodes;
using SpiderPlugins.Plugins.Tests.Integration;

namespace SpiderPlugins.Plugins.Tests.Hostile;

/// <summary>
/// A namespace's kernel objects as comparable lines, from `ip -j -batch` (links, addresses, routes of every table,
/// rules, permanent neighbours, both families) and the sysctls the veth plugin writes. Fields the kernel changes
/// on its own (operstate, carrier flags, lifetimes) are left out, so two snapshots differ only when an
/// object was created, deleted or changed.
/// </summary>
internal static class NamespaceSnapshot
{
    private static readonly string[] Sysctls =
    [
        "ipv4/conf/all/rp_filter", "ipv4/conf/default/rp_filter", "ipv4/conf/all/forwarding",
        "ipv6/conf/all/disable_ipv6", "ipv6/conf/default/disable_ipv6", "ipv6/conf/all/forwarding", "ipv6/conf/all/accept_ra",
    ];

    public static string[] Take(string ns, params string[] devices)
    {
        var lines = new List<string>();
        var any = Batch(ns, [], "link show\naddr show\nroute show table all\nrule show\nneigh show nud permanent\n");
        var v6 = Batch(ns, ["-6"], "route show table all\nrule show\n");
        foreach (var l in any[0])
        {
            var up = l["flags"]!.AsArray().Any(f => (string?)f == "UP") ? " up" : "";
            lines.Add($"link {l["ifname"]} {l["link_type"]} {l["address"]} mtu {l["mtu"]} master {l["master"]}{up}");
        }

        foreach (var l in any[1])
        {
            foreach (var a in l["addr_info"]!.AsArray())
            {
                // Tentative (DAD running) is kept so that Settled waits for DAD: its end adds a local route.
                lines.Add($"addr {l["ifname"]} {a!["local"]}/{a["prefixlen"]} scope {a["scope"]}{(a["tentative"] is null ? "" : " tentative")}");
            }
        }

        lines.AddRange(any[2].Concat(v6[0]).Select(r => "route " + Strip(r, "expires", "flags")));
        lines.AddRange(any[3].Concat(v6[1]).Select(r => "rule " + r.ToJsonString()));
        lines.AddRange(any[4].Select(n => "neigh " + Strip(n, "state")));

        var keys = Sysctls.Concat(devices.SelectMany(d => (string[])[$"ipv4/conf/{d}/rp_filter", $"ipv6/conf/{d}/disable_ipv6"]));
        lines.AddRange(Ip.Exec("ip", ["netns", "exec", ns, "grep", "-H", "", .. keys.Select(k => "/proc/sys/net/" + k)])
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(s => "sysctl " + s));
        return [.. lines.Distinct().Order(StringComparer.Ordinal)];
    }

    private static List<JsonNode[]> Batch(string ns, string[] options, string commands)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("ip") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])[.. options, "-j", "-n", ns, "-batch", "-"])
        {
            psi.ArgumentList.Add(a);
        }

        using var p = System.Diagnostics.Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        p.StandardInput.Write(commands);
        p.StandardInput.Close();
        var text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"ip -batch in {ns} failed: {err.Result}");

        // One JSON array per command, one per line.
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonNode.Parse(line)!.AsArray().Select(n => n!).ToArray()).ToList();
    }

    private static string Strip(JsonNode node, params string[] keys)
    {
        var o = node.DeepClone().AsObject();
        foreach (var k in keys)
        {
            o.Remove(k);
        }

        return o.ToJsonString();
    }

    /// <summary>
    /// Snapshots until the namespace has settled, with a deadline: every Ethernet link that is up has its IPv6
    /// link-local address, none is tentative (the end of DAD adds local routes), and two snapshots in a row agree.
    /// </summary>
    public static string[] Settled(string ns, params string[] devices)
    {
        var last = Take(ns, devices);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        while (sw.ElapsedMilliseconds < 15000)
        {
            Thread.Sleep(100);
            var now = Take(ns, devices);
            var upEther = now.Where(l => l.StartsWith("link ", StringComparison.Ordinal) && l.Contains(" ether ", StringComparison.Ordinal) && l.EndsWith(" up", StringComparison.Ordinal))
                .Select(l => l.Split(' ')[1]);
            var ready = !now.Any(l => l.EndsWith(" tentative", StringComparison.Ordinal))
                && upEther.All(dev => now.Any(l => l.StartsWith($"addr {dev} fe80:", StringComparison.Ordinal)));
            if (ready && now.SequenceEqual(last))
            {
                return now;
            }

            last = now;
        }

        throw new TimeoutException($"namespace {ns} did not settle: {string.Join(" | ", last)}");
    }
}
