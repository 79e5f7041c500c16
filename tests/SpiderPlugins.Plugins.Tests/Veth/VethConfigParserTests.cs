using System.Net;
using SpiderPlugins.Cni;
using SpiderPlugins.Core.Logging;
using SpiderPlugins.Plugins.Veth;
using static SpiderPlugins.Plugins.Tests.Veth.ConfigFixtures;

namespace SpiderPlugins.Plugins.Tests.Veth;

public class VethConfigParserTests
{
    [Fact]
    public void ReadmeExampleOfSpidernetPluginsParses()
    {
        var c = VethConfigParser.Parse(Config("""
            "cluster_cidr":["10.233.64.0/18"],"service_cidr":["10.233.0.0/18"]
            """));
        Assert.Equal([IPNetwork.Parse("10.233.64.0/18"), IPNetwork.Parse("10.233.0.0/18")], c.HijackCidrs);
        Assert.Equal(0, c.PodRpFilter);
        Assert.Equal(0, c.HostVethRpFilter);
        Assert.True(c.MoveRoutes);
        Assert.Null(c.MacPrefix);
        Assert.Equal(500u, c.HostTable);
        Assert.Equal("/var/lib/cni/spider-plugins", c.StateDir);
    }

    [Fact]
    public void CniPluginsDialectParsesWithItsDefaults()
    {
        var c = VethConfigParser.Parse(Config("""
            "overlay_hijack_subnet":[" 10.244.0.0/16 "],"service_hijack_subnet":["10.96.0.0/12","fd00:96::/108"],
            "additional_hijack_subnet":["169.254.0.0/16"],"mac_prefix":"0a:1b","migrate_route":0,
            "ip_conflict":{"enabled":true,"interval":"100ms","retries":2},"log_options":{"log_level":"warn"}
            """));
        Assert.Equal(["10.244.0.0/16", "10.96.0.0/12", "fd00:96::/108", "169.254.0.0/16"], c.HijackCidrs.Select(n => n.ToString()));
        Assert.Equal(new byte[] { 0x0a, 0x1b }, c.MacPrefix);
        Assert.False(c.MoveRoutes);
        Assert.Equal(2, c.PodRpFilter);
        Assert.Equal(2, c.HostVethRpFilter);
        Assert.Equal(new IpConflictOptions(TimeSpan.FromMilliseconds(100), 2), c.IpConflict);
        Assert.Equal(LogLevel.Warn, c.LogLevel);
    }

    [Fact]
    public void HostBitsAreClearedAndDuplicatesDropped()
    {
        var c = VethConfigParser.Parse(Config("""
            "cluster_cidr":["10.233.64.7/18","10.233.64.0/18"],"additional_cidr":["FD00:0:0:0::1/64"]
            """));
        Assert.Equal(["10.233.64.0/18", "fd00::/64"], c.HijackCidrs.Select(n => n.ToString()));
    }

    [Theory]
    [InlineData("\"rp_filter\":{\"enabled\":false,\"value\":1}", 1, null)]
    [InlineData("\"rp_filter\":{\"enabled\":true}", 0, 0)]
    [InlineData("\"rp_filter\":{\"set_host\":false,\"value\":1}", 1, null)]
    [InlineData("\"rp_filter\":{\"set_host\":true}", 2, 2)]
    public void RpFilterFollowsEachDialect(string json, int pod, int? host)
    {
        var c = VethConfigParser.Parse(Config(json));
        Assert.Equal(pod, c.PodRpFilter);
        Assert.Equal(host, c.HostVethRpFilter);
    }

    [Theory]
    [InlineData("\"move_routes\":2", false)]
    [InlineData("\"move_routes\":0", true)]
    [InlineData("\"move_routes\":1", true)]
    [InlineData("\"migrate_route\":-1", true)]
    [InlineData("\"migrate_route\":1", true)]
    [InlineData("\"migrate_route\":0", false)]
    public void MoveRoutesNeverIsHonoured(string json, bool move) =>
        Assert.Equal(move, VethConfigParser.Parse(Config(json)).MoveRoutes);

    [Theory]
    [InlineData("\"cluster_cidr\":[\"10.233.64.0/33\"]", "invalid cluster_cidr[0]: \"10.233.64.0/33\" is not a CIDR")]
    [InlineData("\"cluster_cidr\":[\"10.233.64.0\"]", "invalid cluster_cidr[0]: \"10.233.64.0\" is not a CIDR")]
    [InlineData("\"service_cidr\":[\"x\"]", "invalid service_cidr[0]: \"x\" is not a CIDR")]
    [InlineData("\"service_cidr\":\"10.0.0.0/8\"", "invalid service_cidr: \"10.0.0.0/8\" is not an array of CIDR strings")]
    [InlineData("\"additional_cidr\":[5]", "invalid additional_cidr[0]: 5 is not a CIDR string")]
    [InlineData("\"overlay_hijack_subnet\":[\"10.0.0.0/8\",\"bad\"]", "invalid overlay_hijack_subnet[1]: \"bad\" is not a CIDR")]
    [InlineData("\"additional_hijack_subnet\":[\"fe80::/129\"]", "invalid additional_hijack_subnet[0]: \"fe80::/129\" is not a CIDR")]
    [InlineData("\"hardware_prefix\":\"0a-1b\"", "invalid hardware_prefix: \"0a-1b\" is not two hex bytes")]
    [InlineData("\"mac_prefix\":\"0b:1b\"", "invalid mac_prefix: \"0b:1b\" is not a unicast prefix")]
    [InlineData("\"mac_prefix\":\"00:00\"", "invalid mac_prefix: \"00:00\" is not a non-zero prefix")]
    [InlineData("\"mac_prefix\":\"zz:1b\"", "invalid mac_prefix: \"zz:1b\" is not two hex bytes")]
    [InlineData("\"mac_prefix\":7", "invalid mac_prefix: 7 is not a string")]
    [InlineData("\"only_hardware\":true", "invalid only_hardware: true needs a hardware_prefix")]
    [InlineData("\"only_op_mac\":\"yes\"", "invalid only_op_mac: \"yes\" is not true or false")]
    [InlineData("\"rp_filter\":{\"enabled\":true,\"value\":3}", "invalid rp_filter.value: 3 is not an integer from 0 to 2")]
    [InlineData("\"rp_filter\":[]", "invalid rp_filter: [] is not an object")]
    [InlineData("\"move_routes\":5", "invalid move_routes: 5 is not an integer from 0 to 2")]
    [InlineData("\"migrate_route\":\"auto\"", "invalid migrate_route: \"auto\" is not an integer")]
    [InlineData("\"ip_conflict\":{\"enabled\":true,\"interval\":\"soon\"}", "invalid ip_conflict.interval: \"soon\" is not a duration")]
    [InlineData("\"ip_conflict\":{\"enabled\":true,\"interval\":\"1h\"}", "invalid ip_conflict.interval: \"1h\" is not a duration from 10ms to 10s")]
    [InlineData("\"ip_conflict\":{\"enabled\":true,\"retries\":0}", "invalid ip_conflict.retries: 0 is not an integer from 1 to 10")]
    [InlineData("\"log_options\":{\"log_level\":\"loud\"}", "invalid log_options.log_level: \"loud\" is not one of debug, info, warn, error")]
    [InlineData("\"log_options\":{\"log_file\":\"relative.log\"}", "invalid log_options.log_file: \"relative.log\" is not a usable log file path (must be an absolute path)")]
    [InlineData("\"log_options\":{\"log_file\":\"/var/log/../etc/x\"}", "invalid log_options.log_file: \"/var/log/../etc/x\" is not a usable log file path (must not contain")]
    [InlineData("\"host_rule_table\":254", "invalid host_rule_table: \"254\" is not a free table")]
    [InlineData("\"host_rule_table\":0", "invalid host_rule_table: 0 is not an integer from 1 to 4294967295")]
    [InlineData("\"host_rule_table\":\"500\"", "invalid host_rule_table: \"500\" is not an integer")]
    [InlineData("\"veth_mtu\":9999999", "invalid veth_mtu: 9999999 is not an integer from 68 to 65535")]
    [InlineData("\"state_dir\":\"state\"", "invalid state_dir: \"state\" is not a usable directory (must be an absolute path)")]
    [InlineData("\"skip_call\":1", "invalid skip_call: 1 is not true or false")]
    public void InvalidValuesAreError7NamingFieldAndValue(string json, string message)
    {
        var e = Assert.Throws<CniException>(() => VethConfigParser.Parse(Config(json)));
        Assert.Equal(CniErrorCode.InvalidConfig, e.Code);
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LogFileThroughASymlinkIsRefused()
    {
        var dir = Directory.CreateTempSubdirectory("spt-cfg-");
        try
        {
            Directory.CreateSymbolicLink(Path.Combine(dir.FullName, "link"), "/etc");
            var path = Path.Combine(dir.FullName, "link", "veth.log");
            var e = Assert.Throws<CniException>(() => VethConfigParser.Parse(Config($"\"log_options\":{{\"log_file\":\"{path}\"}}")));
            Assert.Contains("goes through the symbolic link", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void UnknownKeysAreIgnored()
    {
        var c = VethConfigParser.Parse(Config("""
            "deviceID":"0000:3b:00.1","runtimeConfig":{"mac":"x"},"args":{"cni":{}},"cni.dev/x":1,"future_key":[1,2]
            """));
        Assert.Empty(c.HijackCidrs);
    }

    [Fact]
    public void LenientParseKeepsStateDirWhenOtherFieldsAreBad()
    {
        var c = VethConfigParser.ParseLenient(Config("""
            "cluster_cidr":["nope"],"state_dir":"/run/spt-state","host_rule_table":600
            """), out var problem);
        Assert.NotNull(problem);
        Assert.Equal("/run/spt-state", c.StateDir);
        Assert.Equal(600u, c.HostTable);
    }

    [Theory]
    [InlineData("1s", 1000)]
    [InlineData("100ms", 100)]
    [InlineData("1.5s", 1500)]
    [InlineData("1m", 60000)]
    public void GoDurationsParse(string text, double ms) =>
        Assert.Equal(TimeSpan.FromMilliseconds(ms), VethConfigParser.ParseDuration(text));
}
