using System.Text;
using System.Text.Json.Nodes;

namespace SpiderPlugins.Plugins.Tests.Hostile;

/// <summary>
/// Mutations of the parsed config: every field given every JSON type but its own, out-of-range and malformed
/// values (CIDRs, MAC prefixes, durations, tables), unsupported versions, hostile paths and 10^5-entry arrays.
/// </summary>
internal static class ConfigMutations
{
    private enum Kind { String, Bool, Int, Object, Array, StringArray }

    private static readonly string[] CidrFields =
        ["cluster_cidr", "service_cidr", "additional_cidr", "overlay_hijack_subnet", "service_hijack_subnet", "additional_hijack_subnet"];

    private static readonly (string Path, Kind Kind, string? Prelude)[] Fields =
    [
        ("cniVersion", Kind.String, null), ("name", Kind.String, null), ("type", Kind.String, null),
        .. CidrFields.Select(f => (f, Kind.StringArray, (string?)null)),
        ("hardware_prefix", Kind.String, null), ("mac_prefix", Kind.String, null),
        ("only_hardware", Kind.Bool, null), ("only_op_mac", Kind.Bool, null), ("skip_call", Kind.Bool, null), ("report_veth", Kind.Bool, null),
        ("rp_filter", Kind.Object, null), ("rp_filter.value", Kind.Int, null), ("rp_filter.set_host", Kind.Bool, null), ("rp_filter.enabled", Kind.Bool, null),
        ("move_routes", Kind.Int, null), ("migrate_route", Kind.Int, null),
        ("ip_conflict", Kind.Object, null), ("ip_conflict.enabled", Kind.Bool, null),
        ("ip_conflict.interval", Kind.String, "ip_conflict.enabled"), ("ip_conflict.retries", Kind.Int, "ip_conflict.enabled"),
        ("host_rule_table", Kind.Int, null), ("veth_mtu", Kind.Int, null), ("state_dir", Kind.String, null),
        ("log_options", Kind.Object, null), ("log_options.log_level", Kind.String, null), ("log_options.log_file", Kind.String, null),
        ("log_options.log_max_size", Kind.Int, null), ("log_options.log_max_count", Kind.Int, null),
        ("prevResult", Kind.Object, null), ("prevResult.cniVersion", Kind.String, null),
        ("prevResult.interfaces", Kind.Array, null), ("prevResult.interfaces.0", Kind.Object, null),
        ("prevResult.interfaces.0.name", Kind.String, null), ("prevResult.interfaces.0.mac", Kind.String, null),
        ("prevResult.interfaces.0.sandbox", Kind.String, null), ("prevResult.interfaces.0.mtu", Kind.Int, null),
        ("prevResult.ips", Kind.Array, null), ("prevResult.ips.0", Kind.Object, null), ("prevResult.ips.0.address", Kind.String, null),
        ("prevResult.ips.0.interface", Kind.Int, null), ("prevResult.ips.0.gateway", Kind.String, null),
        ("prevResult.routes", Kind.Array, null), ("prevResult.dns", Kind.Object, null),
        ("prevResult.dns.nameservers", Kind.StringArray, null), ("prevResult.dns.domain", Kind.String, null),
    ];

    public static IEnumerable<Mutation> All() =>
        WrongTypes().Concat(BadValues()).Concat(Versions()).Concat(Paths()).Concat(HugeArrays());

    /// <summary>Every field, every JSON type it is not: code 7 naming the field (a wrong-typed cniVersion too).</summary>
    private static IEnumerable<Mutation> WrongTypes()
    {
        foreach (var (path, kind, prelude) in Fields)
        {
            string[] wrong = kind switch
            {
                Kind.String => ["42", "true", "[]", "{}", "1.5"],
                Kind.Bool => ["42", "\"true\"", "[]", "{}", "0"],
                Kind.Int => ["\"42\"", "true", "[]", "{}", "1.5", "1e400"],
                Kind.Object => ["42", "\"text\"", "true", "[]"],
                Kind.Array => ["42", "\"text\"", "true", "{}"],
                _ => ["\"10.0.0.0/8\"", "42", "{}", "[42]", "[true]", "[[]]", "[{}]", "[null]"],
            };
            foreach (var value in wrong)
            {
                var stage = path == "cniVersion" ? Stage.Version : Stage.Config;
                yield return new Mutation($"{path} = {value}", 7, stage, path.Split('.')[0], Combinable: !path.StartsWith("prevResult.cniVersion", StringComparison.Ordinal))
                {
                    Json = (o, _) =>
                    {
                        if (prelude is not null)
                        {
                            Set(o, prelude, JsonValue.Create(true));
                        }

                        Set(o, path, JsonNode.Parse(value));
                    },
                };
            }
        }
    }

    private static IEnumerable<Mutation> BadValues()
    {
        string[] badCidrs =
        [
            "10.0.0.0/33", "10.0.0.0", "fd00::/129", "1.2.3.4/-1", "abc", "10.0.0.256/24", "::ffff:1.2.3.4/200", "/24",
            "10.0.0.0/24/1", "10.0.0.0/ 24", "", "fe80::1%eth0/64", "10.0.0.0/8\u0000", "1.2.3/24", "0x0a000000/8", "10.0.0.0/08x",
        ];
        foreach (var c in badCidrs)
        {
            yield return Value("cluster_cidr", $"[\"10.233.64.0/18\",{JsonValue.Create(c).ToJsonString()}]");
        }

        foreach (var f in CidrFields.Skip(1))
        {
            yield return Value(f, "[\"10.0.0.0/33\"]");
            yield return Value(f, "[\"fd00::/64\",\"zz\"]");
        }

        foreach (var p in (string[])["01:00", "00:00", "0a-1b", "0a:1b:2c", "zz:zz", "0a1b", " 0a:1b:", "ff:ff", "0a:1g", "0a:", "\u00e9a:1b"])
        {
            yield return Value("hardware_prefix", JsonValue.Create(p).ToJsonString());
        }

        foreach (var p in (string[])["03:00", "0a:1b:", "hello"])
        {
            yield return Value("mac_prefix", JsonValue.Create(p).ToJsonString());
        }

        yield return Value("only_hardware", "true");
        yield return Value("only_op_mac", "true");
        foreach (var t in (string[])["0", "253", "254", "255", "4294967296", "-1", "99999999999999999999"])
        {
            yield return Value("host_rule_table", t);
        }

        foreach (var m in (string[])["0", "67", "65536", "-1"])
        {
            yield return Value("veth_mtu", m);
        }

        foreach (var (path, v) in ((string, string)[])
        [
            ("rp_filter.value", "3"), ("rp_filter.value", "-1"), ("move_routes", "3"), ("move_routes", "-1"), ("migrate_route", "2"), ("migrate_route", "-2"),
            ("log_options.log_level", "\"loud\""), ("log_options.log_level", "\"\""), ("log_options.log_max_size", "0"), ("log_options.log_max_size", "10241"),
            ("log_options.log_max_count", "-1"), ("log_options.log_max_count", "101"),
            ("name", "\"\""), ("name", "\"a b\""), ("name", "\"-x\""), ("name", "\"a/b\""), ("name", "\"..\""),
            ("prevResult.ips.0.address", "\"x\""), ("prevResult.ips.0.address", "\"172.30.1.100\""), ("prevResult.ips.0.address", "\"10.0.0.1/33\""),
            ("prevResult.ips.0.address", "\"fd00::1/129\""), ("prevResult.ips.0.interface", "5"), ("prevResult.ips.0.gateway", "\"x\""),
            ("prevResult.routes", "[{\"dst\":\"x\"}]"), ("prevResult.routes", "[{\"gw\":\"1.2.3.4\"}]"), ("prevResult.interfaces.0.mtu", "-1"),
        ])
        {
            yield return Value(path, v);
        }

        foreach (var interval in (string[])["0ms", "5ms", "11s", "abc", "-1s", "", "1", "1e3s", "NaNs"])
        {
            yield return new Mutation($"ip_conflict.interval = \"{interval}\"", 7, Stage.Config, "ip_conflict")
            {
                Json = (o, _) => o["ip_conflict"] = new JsonObject { ["enabled"] = true, ["interval"] = interval },
            };
        }

        foreach (var retries in (int[])[0, 11, -3])
        {
            yield return new Mutation($"ip_conflict.retries = {retries}", 7, Stage.Config, "ip_conflict")
            {
                Json = (o, _) => o["ip_conflict"] = new JsonObject { ["enabled"] = true, ["retries"] = retries },
            };
        }

        yield return new Mutation("prevResult missing", 7, Stage.Config, "prevResult") { Json = (o, _) => o.Remove("prevResult") };
        yield return new Mutation("name missing", 7, Stage.Config, "name") { Json = (o, _) => o.Remove("name") };
    }

    /// <summary>Unsupported versions are code 1; a missing one is a missing field (7). Checked before any other field.</summary>
    private static IEnumerable<Mutation> Versions()
    {
        foreach (var v in (string[])["0.0.1", "2.0.0", "1.0", "v1.0.0", "1.0.0 ", "", "1.1.0-rc1", "99.99.99", "0.4", "1.0.0\u0000", "１.０.０"])
        {
            yield return new Mutation($"cniVersion = \"{v}\"", 1, Stage.Version, "cniVersion") { Json = (o, _) => o["cniVersion"] = v };
        }

        yield return new Mutation("cniVersion missing", 7, Stage.Version, "cniVersion") { Json = (o, _) => o.Remove("cniVersion") };
        foreach (var v in (string[])["9.9.9", "0.0.0"])
        {
            yield return new Mutation($"prevResult.cniVersion = \"{v}\"", 1, Stage.Config, "prevResult", Combinable: false)
            {
                Json = (o, _) => Set(o, "prevResult.cniVersion", JsonValue.Create(v)),
            };
        }

        // Verbs newer than the config's version.
        foreach (var (verb, version) in ((string, string)[])[("CHECK", "0.3.1"), ("CHECK", "0.2.0"), ("GC", "1.0.0"), ("STATUS", "0.4.0"), ("STATUS", "1.0.0")])
        {
            yield return new Mutation($"{verb} with cniVersion {version}", 1, Stage.Version, "cniVersion", Combinable: false)
            {
                Json = (o, _) =>
                {
                    o["cniVersion"] = version;
                    o.Remove("prevResult");
                },
                Env = (e, _) => e["CNI_COMMAND"] = verb,
            };
        }
    }

    /// <summary>state_dir and log_file that are relative, climb with "..", go through a symbolic link, or are absurd.</summary>
    private static IEnumerable<Mutation> Paths()
    {
        (string Name, Func<HostileContext, string> Path)[] dirs =
        [
            ("relative", _ => "state"), ("dot relative", _ => "./state"), ("empty", _ => ""),
            ("dot-dot", c => c.Sandbox.StateDir + "/../escape"), ("dot component", c => c.Sandbox.Root + "/./state"),
            ("through a directory link", c => c.Sandbox.Root + "/link-to-elsewhere/state"), ("the link itself", c => c.Sandbox.Root + "/link-to-elsewhere"),
            ("NUL byte", c => c.Sandbox.StateDir + "\u0000x"), ("5000 characters", c => c.Sandbox.Root + "/" + new string('s', 5000)),
        ];
        foreach (var (name, path) in dirs)
        {
            yield return new Mutation($"state_dir {name}", 7, Stage.Config, "state_dir") { Json = (o, c) => o["state_dir"] = path(c) };
        }

        (string Name, Func<HostileContext, string> Path)[] logs =
        [
            ("relative", _ => "veth.log"), ("empty", _ => ""), ("dot-dot", c => c.Sandbox.LogDir + "/../veth.log"),
            ("through a directory link", c => c.Sandbox.Root + "/link-to-elsewhere/veth.log"), ("a file link", c => c.Sandbox.Root + "/log-link.log"),
            ("NUL byte", c => c.Sandbox.LogDir + "/veth\u0000.log"), ("dot-dot at the end", c => c.Sandbox.LogDir + "/.."),
        ];
        foreach (var (name, path) in logs)
        {
            yield return new Mutation($"log_file {name}", 7, Stage.Config, "log_options") { Json = (o, c) => Set(o, "log_options.log_file", JsonValue.Create(path(c))) };
        }
    }

    /// <summary>10^5-entry arrays: over the limit, or with only the last entry bad, which a parser must still reach.</summary>
    private static IEnumerable<Mutation> HugeArrays()
    {
        const int n = 100_000;
        yield return new Mutation("cluster_cidr with 10^5 valid CIDRs", 7, Stage.Config, "cluster_cidr")
        {
            Json = (o, _) => o["cluster_cidr"] = Array(n, i => JsonValue.Create($"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}/32")),
        };
        yield return new Mutation("service_cidr with 10^5 numbers", 7, Stage.Config, "service_cidr")
        {
            Json = (o, _) => o["service_cidr"] = Array(n, i => JsonValue.Create(i)),
        };
        yield return new Mutation("prevResult.ips with 10^5 entries, the last bad", 7, Stage.Config, "prevResult")
        {
            Json = (o, _) => Set(o, "prevResult.ips", Array(n, i => i == n - 1
                ? new JsonObject { ["address"] = "bad" }
                : new JsonObject { ["interface"] = 0, ["address"] = $"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}/32" })),
        };
        yield return new Mutation("prevResult.interfaces with 10^5 entries, the last bad", 7, Stage.Config, "prevResult")
        {
            Json = (o, _) => Set(o, "prevResult.interfaces", Array(n, i => i == n - 1 ? JsonValue.Create(1) : new JsonObject { ["name"] = $"if{i}" })),
        };
        yield return new Mutation("prevResult.routes with 10^5 entries, the last bad", 7, Stage.Config, "prevResult")
        {
            Json = (o, _) => Set(o, "prevResult.routes", Array(n, i => new JsonObject { ["dst"] = i == n - 1 ? "x" : "10.0.0.0/8" })),
        };
        yield return new Mutation("prevResult.dns.nameservers with 10^5 entries, the last a number", 7, Stage.Config, "prevResult")
        {
            Json = (o, _) => Set(o, "prevResult.dns", new JsonObject { ["nameservers"] = Array(n, i => i == n - 1 ? JsonValue.Create(1) : JsonValue.Create("10.0.0.10")) }),
        };
        yield return new Mutation("GC with 10^5 valid-attachments, the last bad", 7, Stage.Config, "cni.dev/valid-attachments", Combinable: false)
        {
            Json = (o, _) =>
            {
                o["cniVersion"] = "1.1.0";
                o.Remove("prevResult");
                o["cni.dev/valid-attachments"] = Array(n, i => i == n - 1 ? new JsonObject { ["containerID"] = "x" } : new JsonObject { ["containerID"] = $"c{i}", ["ifname"] = "eth0" });
            },
            Env = (e, _) => e["CNI_COMMAND"] = "GC",
        };
        yield return new Mutation("10^5 unknown keys and a bad name", 7, Stage.Config, "name")
        {
            Json = (o, _) =>
            {
                for (var i = 0; i < n; i++)
                {
                    o[$"k{i}"] = i;
                }

                o["name"] = "a b";
            },
        };
    }

    private static Mutation Value(string path, string json) =>
        new($"{path} = {Shorten(json)}", 7, Stage.Config, path.Split('.')[0]) { Json = (o, _) => Set(o, path, JsonNode.Parse(json)) };

    private static string Shorten(string s) => s.Length > 60 ? s[..60] + "..." : s;

    private static JsonArray Array(int n, Func<int, JsonNode?> item)
    {
        var a = new JsonArray();
        for (var i = 0; i < n; i++)
        {
            a.Add(item(i));
        }

        return a;
    }

    /// <summary>Sets a dotted path ("prevResult.ips.0.address"), creating missing objects on the way.</summary>
    public static void Set(JsonObject root, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        JsonNode current = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (int.TryParse(parts[i], out var index))
            {
                current = current.AsArray()[index]!;
            }
            else
            {
                var o = current.AsObject();
                o[parts[i]] ??= new JsonObject();
                current = o[parts[i]]!;
            }
        }

        if (int.TryParse(parts[^1], out var last))
        {
            current.AsArray()[last] = value;
        }
        else
        {
            current.AsObject()[parts[^1]] = value;
        }
    }

    public static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
}
