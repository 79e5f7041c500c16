using System.Globalization;
using System.Net;
using SpiderPlugins.Cni;
using SpiderPlugins.Core.Logging;
using SpiderPlugins.Plugins.Common;

namespace SpiderPlugins.Plugins.Veth;

/// <summary>
/// Reads both schemas users already have in their NetworkAttachmentDefinitions, plus our own additions, and fails
/// with error 7 naming field and value on anything invalid (the plugins we replace silently "fixed" bad values).
/// Unknown keys are ignored: runtimes and Multus inject their own.
/// </summary>
public static class VethConfigParser
{
    public static VethConfig Parse(NetworkConfig config)
    {
        var r = new ConfigReader(config.Raw);

        // cni-plugins' keys mark the newer dialect; its rp_filter default differs (loose, 2) from the older one (0).
        var cniPluginsDialect = r.Has("overlay_hijack_subnet") || r.Has("service_hijack_subnet") || r.Has("mac_prefix")
            || r.Has("only_op_mac") || r.Has("migrate_route") || r.Has("skip_call") || r.Has("ip_conflict");

        var cidrs = new List<IPNetwork>();
        foreach (var key in (string[])["cluster_cidr", "service_cidr", "additional_cidr", "overlay_hijack_subnet", "service_hijack_subnet", "additional_hijack_subnet"])
        {
            foreach (var c in r.Cidrs(key))
            {
                if (!cidrs.Contains(c))
                {
                    cidrs.Add(c);
                }
            }
        }

        var prefixKey = r.Has("mac_prefix") ? "mac_prefix" : "hardware_prefix";
        var prefix = ParseMacPrefix(r, prefixKey);
        var onlyMac = (r.Bool("only_hardware") ?? false) | (r.Bool("only_op_mac") ?? false);
        if (onlyMac && prefix is null)
        {
            throw new CniException(CniErrorCode.InvalidConfig,
                $"invalid {(r.Has("only_op_mac") ? "only_op_mac" : "only_hardware")}: true needs a {prefixKey} to set the MAC from");
        }

        var (podRp, hostRp) = ParseRpFilter(r, cniPluginsDialect);
        var log = r.Object("log_options");
        var logLevel = LogLevel.Info;
        if (log?.String("log_level") is { } lvl)
        {
            logLevel = LogLevels.Parse(lvl) ?? throw log.Value.Invalid("log_level", lvl, "one of debug, info, warn, error");
        }

        var logFile = log?.String("log_file");
        if (logFile is not null && SafePath.Problem(logFile) is { } logProblem)
        {
            throw log!.Value.Invalid("log_file", logFile, $"a usable log file path ({logProblem})");
        }

        var stateDir = r.String("state_dir") ?? Core.Naming.Names.DefaultStateDir;
        if (SafePath.Problem(stateDir) is { } stateProblem)
        {
            throw r.Invalid("state_dir", stateDir, $"a usable directory ({stateProblem})");
        }

        var table = r.Integer("host_rule_table", 1, uint.MaxValue) ?? Core.Naming.Names.DefaultHostTable;
        if (table is 253 or 254 or 255)
        {
            throw r.Invalid("host_rule_table", table.ToString(CultureInfo.InvariantCulture), "a free table (253 default, 254 main and 255 local are the kernel's)");
        }

        return new VethConfig
        {
            HijackCidrs = cidrs,
            MacPrefix = prefix,
            OnlyMac = onlyMac,
            SkipCall = r.Bool("skip_call") ?? false,
            PodRpFilter = podRp,
            HostVethRpFilter = hostRp,
            MoveRoutes = ParseMoveRoutes(r),
            IpConflict = ParseIpConflict(r),
            HostTable = (uint)table,
            VethMtu = (int?)r.Integer("veth_mtu", 68, 65535),
            StateDir = stateDir.TrimEnd('/'),
            ReportVeth = r.Bool("report_veth") ?? false,
            LogLevel = logLevel,
            LogFile = logFile,
            LogMaxBytes = (log?.Integer("log_max_size", 1, 10240) ?? 100) * 1024 * 1024,
            LogMaxFiles = (int)(log?.Integer("log_max_count", 0, 100) ?? 5),
        };
    }

    /// <summary>
    /// For DEL and GC, which must clean up even when the config has since become invalid: what can be read of
    /// state_dir and host_rule_table is used, the rest falls back to defaults.
    /// </summary>
    public static VethConfig ParseLenient(NetworkConfig config, out string? problem)
    {
        try
        {
            problem = null;
            return Parse(config);
        }
        catch (CniException e)
        {
            problem = e.Message;
        }

        var r = new ConfigReader(config.Raw);
        var dir = Core.Naming.Names.DefaultStateDir;
        var table = Core.Naming.Names.DefaultHostTable;
        try
        {
            if (r.String("state_dir") is { } d && SafePath.Problem(d) is null)
            {
                dir = d.TrimEnd('/');
            }
        }
        catch (CniException)
        {
        }

        try
        {
            table = (uint)(r.Integer("host_rule_table", 1, uint.MaxValue) ?? table);
        }
        catch (CniException)
        {
        }

        return new VethConfig { StateDir = dir, HostTable = table };
    }

    /// <summary>"0a:1b": two hex bytes, unicast and not all zero (the kernel rejects a multicast MAC).</summary>
    private static byte[]? ParseMacPrefix(ConfigReader r, string key)
    {
        var text = r.String(key);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var t = text.Trim();
        if (t.Length != 5 || t[2] != ':'
            || !byte.TryParse(t.AsSpan(0, 2), NumberStyles.AllowHexSpecifier, null, out var b0)
            || !byte.TryParse(t.AsSpan(3, 2), NumberStyles.AllowHexSpecifier, null, out var b1))
        {
            throw r.Invalid(key, text, "two hex bytes separated by ':' such as \"0a:1b\"");
        }

        if ((b0 & 1) != 0)
        {
            throw r.Invalid(key, text, "a unicast prefix (the first byte's lowest bit must be 0)");
        }

        if (b0 == 0 && b1 == 0)
        {
            throw r.Invalid(key, text, "a non-zero prefix");
        }

        return [b0, b1];
    }

    private static (int? Pod, int? Host) ParseRpFilter(ConfigReader r, bool cniPluginsDialect)
    {
        var rp = r.Object("rp_filter");
        if (rp is null)
        {
            return cniPluginsDialect ? (2, 2) : (0, 0);
        }

        var value = rp.Value.Integer("value", 0, 2);
        if (rp.Value.Has("set_host"))
        {
            var v = (int)(value ?? 2);
            return (v, rp.Value.Bool("set_host") == true ? v : null);
        }

        // spidernet-io/plugins: {enabled, value}; the pod always gets the value, the host side only when enabled.
        var enabled = rp.Value.Bool("enabled") ?? true;
        var pv = (int)(value ?? 0);
        return (pv, enabled ? pv : null);
    }

    private static bool ParseMoveRoutes(ConfigReader r)
    {
        // spidernet-io/plugins: 0 directly, 1 auto, 2 never. cni-plugins: -1 auto, 0 never, 1 always.
        if (r.Integer("move_routes", 0, 2) is { } mv)
        {
            return mv != 2;
        }

        return r.Integer("migrate_route", -1, 1) is not 0;
    }

    private static IpConflictOptions? ParseIpConflict(ConfigReader r)
    {
        var ic = r.Object("ip_conflict");
        if (ic is null || ic.Value.Bool("enabled") != true)
        {
            return null;
        }

        var interval = TimeSpan.FromSeconds(1);
        if (ic.Value.String("interval") is { } text)
        {
            interval = ParseDuration(text) ?? throw ic.Value.Invalid("interval", text, "a duration from 10ms to 10s such as \"1s\" or \"100ms\"");
            if (interval < TimeSpan.FromMilliseconds(10) || interval > TimeSpan.FromSeconds(10))
            {
                throw ic.Value.Invalid("interval", text, "a duration from 10ms to 10s");
            }
        }

        var retries = (int)(ic.Value.Integer("retries", 1, 10) ?? 3);
        return new IpConflictOptions(interval, retries);
    }

    /// <summary>Go duration strings as the dialect documents them: "1s", "500ms", "1m", "1.5s".</summary>
    internal static TimeSpan? ParseDuration(string text)
    {
        var t = text.Trim();
        (string Unit, double Ms)[] units = [("ms", 1), ("us", 0.001), ("µs", 0.001), ("ns", 0.000001), ("s", 1000), ("m", 60000), ("h", 3600000)];
        foreach (var (unit, ms) in units)
        {
            if (t.EndsWith(unit, StringComparison.Ordinal)
                && double.TryParse(t.AsSpan(0, t.Length - unit.Length), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n)
                && double.IsFinite(n) && n * ms < 86_400_000)
            {
                return TimeSpan.FromMilliseconds(n * ms);
            }
        }

        return null;
    }
}
