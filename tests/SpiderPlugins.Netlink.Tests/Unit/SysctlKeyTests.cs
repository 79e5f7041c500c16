namespace SpiderPlugins.Netlink.Tests.Unit;

public sealed class SysctlKeyTests
{
    [Theory]
    [InlineData("ipv4/ip_forward", "/proc/sys/net/ipv4/ip_forward")]
    [InlineData("ipv6/conf/veth0/accept_dad", "/proc/sys/net/ipv6/conf/veth0/accept_dad")]
    [InlineData("ipv4/conf/eth0.100/rp_filter", "/proc/sys/net/ipv4/conf/eth0.100/rp_filter")]
    [InlineData("core/somaxconn", "/proc/sys/net/core/somaxconn")]
    public void Relative_keys_map_under_proc_sys_net(string key, string path)
    {
        Assert.Equal(path, Sysctl.PathOf(key));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/proc/sys/net/ipv4/ip_forward")]
    [InlineData("/etc/passwd")]
    [InlineData("../kernel/hostname")]
    [InlineData("ipv4/../../kernel/hostname")]
    [InlineData("ipv4/./ip_forward")]
    [InlineData("ipv4//ip_forward")]
    [InlineData("ipv4/ip_forward/")]
    [InlineData("ipv4/ip_forward\0")]
    [InlineData("ipv4/ip forward")]
    [InlineData("ipv4/ip_forward\n")]
    public void Keys_that_could_leave_proc_sys_net_are_rejected(string key)
    {
        Assert.Throws<ArgumentException>(() => Sysctl.PathOf(key));
        Assert.Throws<ArgumentException>(() => Sysctl.Write(key, "1"));
        Assert.Throws<ArgumentException>(() => Sysctl.Read(key));
    }
}
