namespace SpiderPlugins.Plugins.Tests.Hostile;

/// <summary>
/// Mutations of the CNI_* environment: missing or unknown verbs, interface names the kernel (or a sysctl path)
/// would misread, container IDs that would climb out of the state folder, network namespaces that are not one or
/// are the plugin's own, malformed CNI_ARGS. All are code 4 except names that are valid but absent (999).
/// </summary>
internal static class EnvironmentMutations
{
    public static IEnumerable<Mutation> All()
    {
        foreach (var (name, value) in ((string, string?)[])[("missing", null), ("empty", ""), ("lower case", "add"), ("unknown", "FOO"), ("padded", "ADD ")])
        {
            yield return Env($"CNI_COMMAND {name}", "CNI_COMMAND", value);
        }

        string[] badIfNames =
        [
            "a/b", "..", ".", "a b", "a\tb", "0123456789abcdef", "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9", "eth0:1", "../../all", "all/../..",
            " ", "x\u00a0", "x\u2028", "/", "eth0/../eth0",
        ];
        foreach (var verb in (string[])["ADD", "DEL", "CHECK"])
        {
            foreach (var ifName in badIfNames)
            {
                yield return new Mutation($"{verb} with CNI_IFNAME \"{ifName}\"", 4, Stage.Environment, "CNI_IFNAME", Combinable: verb == "ADD")
                {
                    Env = (e, _) =>
                    {
                        e["CNI_COMMAND"] = verb;
                        e["CNI_IFNAME"] = ifName;
                    },
                };
            }
        }

        // Valid names that the pod lacks, including sysctl directory names: found nowhere, so nothing is configured.
        foreach (var ifName in (string[])["all", "default", "nosuch0", "conf"])
        {
            yield return new Mutation($"CNI_IFNAME \"{ifName}\" (absent)", 999, Stage.Runtime, "CNI_IFNAME") { Env = (e, _) => e["CNI_IFNAME"] = ifName };
        }

        yield return new Mutation("CNI_IFNAME lo (no global address)", 999, Stage.Runtime, "CNI_IFNAME") { Env = (e, _) => e["CNI_IFNAME"] = "lo" };

        string[] badIds = ["a/b", "../x", "..", ".", "a b", "-lead", ".hidden", "_x", "x\ny", "x;y", "\u00fc", "x/../../etc", "x\\y", "x:y"];
        foreach (var verb in (string[])["ADD", "DEL"])
        {
            foreach (var id in badIds)
            {
                yield return new Mutation($"{verb} with CNI_CONTAINERID \"{id}\"", 4, Stage.Environment, "CNI_CONTAINERID", Combinable: verb == "ADD")
                {
                    Env = (e, _) =>
                    {
                        e["CNI_COMMAND"] = verb;
                        e["CNI_CONTAINERID"] = id;
                    },
                };
            }
        }

        // Longer than any file name can be: the attachment cannot have a state file, so the ID cannot be served.
        yield return new Mutation("CNI_CONTAINERID of 300 characters", 4, Stage.Environment, "CNI_CONTAINERID")
        {
            Env = (e, _) => e["CNI_CONTAINERID"] = new string('a', 300),
        };

        foreach (var (name, netns) in ((string, Func<HostileContext, string?>)[])
        [
            ("missing", _ => null), ("empty", _ => ""), ("nonexistent", _ => "/var/run/netns/spt-no-such-ns"), ("relative", c => "netns/" + c.Bed.PodNs("h1")),
            ("a regular file", _ => "/etc/hostname"), ("a directory", _ => "/var/run/netns"), ("/dev/null", _ => "/dev/null"),
            ("a mount namespace", _ => "/proc/self/ns/mnt"), ("the plugin's own (/proc/self)", _ => "/proc/self/ns/net"),
            ("the node's own (by name)", c => c.Bed.NetnsPath("node")),
        ])
        {
            // Missing and empty are caught with the environment; the others only when the plugin opens the namespace.
            var stage = name is "missing" or "empty" ? Stage.Environment : Stage.Namespace;
            yield return new Mutation($"CNI_NETNS {name}", 4, stage, "CNI_NETNS") { Env = (e, c) => e["CNI_NETNS"] = netns(c) };
        }

        foreach (var args in (string[])["novalue", "=x", "K8S_POD_NAME", ";;=;", "a=b;c"])
        {
            yield return Env($"CNI_ARGS \"{args}\"", "CNI_ARGS", args);
        }

        yield return Env("CNI_CONTAINERID missing", "CNI_CONTAINERID", null);
        yield return Env("CNI_IFNAME missing", "CNI_IFNAME", null);
        yield return new Mutation("DEL without CNI_CONTAINERID", 4, Stage.Environment, "CNI_CONTAINERID", Combinable: false)
        {
            Env = (e, _) =>
            {
                e["CNI_COMMAND"] = "DEL";
                e["CNI_CONTAINERID"] = null;
            },
        };
        yield return new Mutation("CHECK without CNI_NETNS", 4, Stage.Environment, "CNI_NETNS", Combinable: false)
        {
            Env = (e, _) =>
            {
                e["CNI_COMMAND"] = "CHECK";
                e["CNI_NETNS"] = null;
            },
        };
        yield return new Mutation("GC without CNI_PATH", 4, Stage.Environment, "CNI_PATH", Combinable: false)
        {
            Env = (e, _) =>
            {
                e["CNI_COMMAND"] = "GC";
                e["CNI_PATH"] = null;
            },
        };
    }

    private static Mutation Env(string name, string key, string? value) =>
        new(name, 4, Stage.Environment, key) { Env = (e, _) => e[key] = value };
}
