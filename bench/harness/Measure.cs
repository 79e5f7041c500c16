using System.Text.Json;

namespace SpiderPlugins.Bench;

/// <summary>
/// The `measure` command. Runs inside the node namespace (run.sh starts it with `ip netns exec`), exactly where a
/// container runtime runs plugins. Per iteration, each chained plugin (our veth, Go tuning, Go sbr) gets a fresh
/// macvlan and a prepared dual-stack prevResult; only the plugin calls are timed. Then the whole chain
/// macvlan+host-local(+veth) is timed through bench/chain.sh, with and without veth.
/// </summary>
internal sealed class Measure
{
    private readonly Options _o;
    private readonly Spawner _spawner = new();
    private readonly string _ip = new[] { "/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip" }.First(File.Exists);
    private readonly string _podNs, _netnsPath, _bin, _go, _work, _state, _rssFile;
    private readonly string[] _cidrs, _gateways;
    private readonly PodNic _nic;
    private readonly Dictionary<string, Series> _series = new(StringComparer.Ordinal);

    public Measure(Options o)
    {
        _o = o;
        _podNs = o.Get("pod");
        _netnsPath = "/var/run/netns/" + _podNs;
        _bin = Path.GetFullPath(o.Get("bin"));
        _go = Path.GetFullPath(o.Get("go"));
        _work = Path.GetFullPath(o.Get("work"));
        _state = Path.Combine(_work, "veth-state");
        _rssFile = Path.Combine(_work, "rss.txt");
        _cidrs = o.List("cidrs");
        _gateways = o.List("gateways");
        Directory.CreateDirectory(_work);
        _nic = new PodNic(_spawner, _ip, _podNs, o.Get("master"), "eth0", _cidrs, _gateways, Path.Combine(_work, "nic.batch"));
    }

    public int Run()
    {
        var iterations = _o.Int("iterations");
        var rssIterations = _o.Int("rss-iterations");
        var chainIterations = _o.Int("chain-iterations");
        var before = Fingerprint();
        try
        {
            Console.Error.WriteLine($"bench: {iterations} timed + {rssIterations} peak-RSS iterations of veth ADD/CHECK/DEL, tuning ADD/DEL, sbr ADD/DEL on fresh macvlans");
            for (var i = -3; i < iterations + rssIterations; i++)
            {
                var mode = i < 0 ? Mode.WarmUp : i < iterations ? Mode.Time : Mode.Rss;
                // Rotate the order so no plugin always runs right after the others' link churn.
                for (var k = 0; k < 3; k++)
                {
                    var which = (((i % 3) + 3 + k) % 3);
                    switch (which)
                    {
                        case 0: Chained(i, "veth", ["ADD", "CHECK", "DEL"], VethConfig, mode); break;
                        case 1: Chained(i, "tuning", ["ADD", "DEL"], TuningConfig, mode); break;
                        default: Chained(i, "sbr", ["ADD", "DEL"], SbrConfig, mode); break;
                    }
                }
            }

            Console.Error.WriteLine($"bench: {rssIterations * 2} iterations of the kernel floor: ip link add/del of a veth pair vs ip link show");
            for (var i = -2; i < rssIterations * 2; i++)
            {
                KernelFloor(i >= 0);
            }

            Console.Error.WriteLine($"bench: {chainIterations} iterations of the chains macvlan+host-local(+veth) via chain.sh");
            WriteChainConfigs();
            for (var i = -2; i < chainIterations; i++)
            {
                Chain(i, "macvlan+host-local+veth", true, i >= 0);
                Chain(i, "macvlan+host-local", false, i >= 0);
            }
        }
        finally
        {
            if (_nic.Exists())
            {
                _nic.Remove();
            }
        }

        var after = Fingerprint();
        Write(_o.Get("out"), before, after);
        return 0;
    }

    private Series Get(string plugin, string verb)
    {
        var key = plugin + " " + verb;
        if (!_series.TryGetValue(key, out var s))
        {
            s = new Series(plugin, verb, "spawn");
            _series[key] = s;
        }

        return s;
    }

    private enum Mode
    {
        WarmUp,
        Time,
        Rss,
    }

    private void Chained(int i, string plugin, string[] verbs, Func<string> config, Mode mode)
    {
        _nic.Create(i + 1000);
        var containerId = $"bench{plugin}{i + 1000:d6}";
        var conf = config();
        var exe = Path.Combine(plugin == "veth" ? _bin : _go, plugin);
        foreach (var verb in verbs)
        {
            var r = _spawner.Exec(mode == Mode.Rss ? RssOf(exe) : [exe], Env(verb, containerId, _go), conf);
            if (r.ExitCode != 0)
            {
                throw new InvalidOperationException($"{plugin} {verb} (iteration {i}) exited {r.ExitCode}: {r.Stdout} {r.Stderr}");
            }

            if (verb == "ADD")
            {
                RequireIps(plugin, r.Stdout);
            }

            if (mode == Mode.Time)
            {
                Get(plugin, verb).AddTimed(r);
            }
            else if (mode == Mode.Rss)
            {
                Get(plugin, verb).AddRss(ReadRss());
            }
        }

        _nic.Remove();
    }

    /// <summary>
    /// What the kernel alone charges for the veth pair ADD creates and DEL deletes, measured with ip(8): the
    /// difference to `ip link show` (same exec, no change) is the kernel's share, a floor no plugin can beat.
    /// </summary>
    private void KernelFloor(bool recorded)
    {
        var steps = new (string Verb, string[] Argv)[]
        {
            ("link add veth", [_ip, "link", "add", "vbench0", "type", "veth", "peer", "name", "vbench1", "netns", _podNs]),
            ("link show", [_ip, "link", "show", "vbench0"]),
            ("link del veth", [_ip, "link", "del", "vbench0"]),
        };
        foreach (var (verb, argv) in steps)
        {
            var r = _spawner.Exec(argv, Spawner.BaseEnv);
            if (r.ExitCode != 0)
            {
                throw new InvalidOperationException($"{string.Join(' ', argv)} exited {r.ExitCode}: {r.Stderr.Trim()}");
            }

            if (recorded)
            {
                Get("ip", verb).AddTimed(r);
            }
        }
    }

    private void Chain(int i, string name, bool withVeth, bool recorded)
    {
        var containerId = $"benchchain{(withVeth ? "v" : "n")}{i + 1000:d6}";
        var cache = Path.Combine(_work, "chain-result.json");
        var links = new List<string> { "macvlan:" + Path.Combine(_work, "chain-macvlan.json") };
        if (withVeth)
        {
            links.Add("veth:" + Path.Combine(_work, "chain-veth.json"));
        }

        foreach (var verb in new[] { "ADD", "DEL" })
        {
            string[] argv = ["/bin/bash", _o.Get("chain"), verb, cache, .. links];
            var r = _spawner.Exec(argv, Env("", containerId, _bin + ":" + _go));
            if (r.ExitCode != 0)
            {
                throw new InvalidOperationException($"chain {name} {verb} (iteration {i}) exited {r.ExitCode}: {r.Stdout} {r.Stderr}");
            }

            if (verb == "ADD")
            {
                RequireIps(name, r.Stdout);
            }

            if (recorded)
            {
                Get(name, verb).AddTimed(r);
            }
        }
    }

    /// <summary>
    /// Peak RSS needs a small forking parent. posix_spawn uses vfork, and exec folds the old address space's
    /// high-water mark into ru_maxrss: a child spawned from this 30+ MB JIT process (or anything it execs) would
    /// "peak" at our size. /usr/bin/time forks from its own ~1 MB image, so the %M it writes is the plugin's own
    /// peak. The trampoline costs a fork+exec, so these calls are not timed.
    /// </summary>
    private string[] RssOf(string exe) => ["/usr/bin/time", "-f", "%M", "-o", _rssFile, exe];

    private long ReadRss()
    {
        var text = File.ReadAllText(_rssFile).Trim();
        return long.Parse(text.Split('\n')[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private List<string> Env(string verb, string containerId, string cniPath)
    {
        var env = new List<string>(Spawner.BaseEnv)
        {
            "CNI_CONTAINERID=" + containerId,
            "CNI_NETNS=" + _netnsPath,
            "CNI_IFNAME=" + _nic.IfName,
            "CNI_PATH=" + cniPath,
            "CNI_ARGS=IgnoreUnknown=1;K8S_POD_NAMESPACE=bench;K8S_POD_NAME=" + containerId,
        };
        if (verb.Length > 0)
        {
            env.Add("CNI_COMMAND=" + verb);
        }

        return env;
    }

    private static void RequireIps(string who, string stdout)
    {
        using var doc = JsonDocument.Parse(stdout);
        if (!doc.RootElement.TryGetProperty("ips", out var ips) || ips.GetArrayLength() < 2)
        {
            throw new InvalidOperationException($"{who} ADD returned no dual-stack ips: {stdout}");
        }
    }

    private string PrevResult()
    {
        var ips = new List<string>();
        for (var k = 0; k < _cidrs.Length; k++)
        {
            var gw = _gateways.FirstOrDefault(g => g.Contains(':', StringComparison.Ordinal) == _cidrs[k].Contains(':', StringComparison.Ordinal));
            ips.Add($$"""{"interface":0,"address":"{{_cidrs[k]}}"{{(gw is null ? "" : $",\"gateway\":\"{gw}\"")}}}""");
        }

        return $$"""{"cniVersion":"1.0.0","interfaces":[{"name":"{{_nic.IfName}}","mac":"02:be:00:00:00:01","sandbox":"{{_netnsPath}}"}],"ips":[{{string.Join(",", ips)}}],"routes":[{"dst":"0.0.0.0/0"},{"dst":"::/0"}]}""";
    }

    private string VethBody() =>
        """{"cniVersion":"1.0.0","name":"underlay","type":"veth","cluster_cidr":["10.233.64.0/18","fd00:233:64::/112"],"service_cidr":["10.233.0.0/18","fd00:233::/112"],"state_dir":""" + $"\"{_state}\"";

    private string VethConfig() => VethBody() + $",\"prevResult\":{PrevResult()}}}";

    private string TuningConfig() =>
        $$"""{"cniVersion":"1.0.0","name":"underlay","type":"tuning","dataDir":"{{Path.Combine(_work, "tuning")}}","sysctl":{"net.ipv4.conf.{{_nic.IfName}}.arp_notify":"1"},"prevResult":{{PrevResult()}}}""";

    private string SbrConfig() => $$"""{"cniVersion":"1.0.0","name":"underlay","type":"sbr","prevResult":{{PrevResult()}}}""";

    private void WriteChainConfigs()
    {
        var v4 = _cidrs.First(c => !c.Contains(':', StringComparison.Ordinal));
        var v6 = _cidrs.First(c => c.Contains(':', StringComparison.Ordinal));
        var gw4 = _gateways.First(g => !g.Contains(':', StringComparison.Ordinal));
        var gw6 = _gateways.First(g => g.Contains(':', StringComparison.Ordinal));
        var range4 = Range(v4, gw4);
        var range6 = Range(v6, gw6);
        File.WriteAllText(Path.Combine(_work, "chain-macvlan.json"),
            $$"""{"cniVersion":"1.0.0","name":"underlay","type":"macvlan","master":"{{_o.Get("master")}}","mode":"bridge","ipam":{"type":"host-local","dataDir":"{{Path.Combine(_work, "host-local")}}","ranges":[[{{range4}}],[{{range6}}]],"routes":[{"dst":"0.0.0.0/0"},{"dst":"::/0"}]""" + "}}");
        File.WriteAllText(Path.Combine(_work, "chain-veth.json"), VethBody() + "}");
    }

    /// <summary>A host-local range in the pod's subnet, clear of the node and gateway addresses.</summary>
    private static string Range(string cidr, string gw)
    {
        var net = System.Net.IPNetwork.Parse(cidr);
        var b = net.BaseAddress.GetAddressBytes();
        string At(int last)
        {
            var c = (byte[])b.Clone();
            c[^1] = (byte)last;
            return new System.Net.IPAddress(c).ToString();
        }

        return $$"""{"subnet":"{{net}}","rangeStart":"{{At(100)}}","rangeEnd":"{{At(200)}}","gateway":"{{gw}}"}""";
    }

    /// <summary>Kernel objects in the node and pod namespaces, compared before/after to prove nothing leaked.</summary>
    private Dictionary<string, HashSet<string>> Fingerprint()
    {
        var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (side, prefix) in new[] { ("node", Array.Empty<string>()), ("pod", new[] { "-n", _podNs }) })
        {
            foreach (var what in new[] { "-o link", "-4 rule", "-6 rule", "-4 route show table all", "-6 route show table all", "-o addr" })
            {
                string[] argv = [_ip, .. prefix, .. what.Split(' ')];
                var lines = _spawner.Must(argv).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                    .Select(l => System.Text.RegularExpressions.Regex.Replace(l, @"^\d+: |\s+(valid_lft|preferred_lft) \S+|\s+expires \S+", ""))
                    .ToHashSet(StringComparer.Ordinal);
                result[$"{side}: ip {what}"] = lines;
            }
        }

        return result;
    }

    private void Write(string path, Dictionary<string, HashSet<string>> before, Dictionary<string, HashSet<string>> after)
    {
        using var stream = File.Create(path);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteNumber("iterations", _o.Int("iterations"));
        w.WriteNumber("rss_iterations", _o.Int("rss-iterations"));
        w.WriteNumber("chain_iterations", _o.Int("chain-iterations"));
        w.WriteString("warm_up", "3 uncounted iterations (2 for chains) before recording");
        w.WriteStartArray("series");
        foreach (var s in _series.Values)
        {
            SeriesJson.Write(w, s);
        }

        w.WriteEndArray();
        w.WriteStartObject("leftovers");
        foreach (var (k, v) in after)
        {
            var added = v.Except(before[k]).ToList();
            var removed = before[k].Except(v).ToList();
            if (added.Count + removed.Count > 0)
            {
                w.WriteStartArray(k);
                foreach (var l in added)
                {
                    w.WriteStringValue("+ " + l);
                }

                foreach (var l in removed)
                {
                    w.WriteStringValue("- " + l);
                }

                w.WriteEndArray();
            }
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }
}
