using SpiderPlugins.Netlink.Objects;

namespace SpiderPlugins.Netlink.Tests.Integration;

public sealed class NetnsTests : NetnsTest
{
    [Fact]
    public async Task A_socket_opened_in_a_namespace_sees_only_that_namespace_from_any_thread()
    {
        string a = NewNamespace("a"), b = NewNamespace("b");
        Ip.Run("-n", a, "link", "add", "only-a", "type", "bridge");
        Ip.Run("-n", b, "link", "add", "only-b", "type", "bridge");

        var nlA = OpenNl(a);
        var nlB = OpenNl(b);

        // Used from this (root-namespace) thread and from a pool thread: the socket stays where it was born.
        Assert.Equal(["lo", "only-a"], nlA.ListLinks().Select(l => l.Name).Order().ToArray());
        Assert.Equal(["lo", "only-b"], await Task.Run(() => nlB.ListLinks().Select(l => l.Name).Order().ToArray()));
        Assert.Null(nlA.GetLink("only-b"));
        using var here = RtNetlink.Open();
        Assert.Null(here.GetLink("only-a"));
    }

    [Fact]
    public void Run_enters_the_namespace_on_a_fresh_thread_and_leaves_the_caller_alone()
    {
        string a = NewNamespace("a");
        var ns = OpenNs(a);
        using var before = NetnsHandle.OpenCurrent();
        int callerThread = Environment.CurrentManagedThreadId;

        var (inode, thread) = Netns.Run(ns, () => (NetnsHandle.OpenCurrent().Inode, Environment.CurrentManagedThreadId));

        Assert.Equal(ns.Inode, inode);
        Assert.NotEqual(callerThread, thread);
        Assert.NotEqual(before.Inode, ns.Inode);
        using var after = NetnsHandle.OpenCurrent();
        Assert.Equal(before.Inode, after.Inode);
        using var again = NetnsHandle.Open("/run/netns/" + a);
        Assert.Equal(ns.Inode, again.Inode);
    }

    [Fact]
    public void Exceptions_propagate_with_their_type()
    {
        var ns = OpenNs(NewNamespace("a"));
        var e = Assert.Throws<InvalidOperationException>(() => Netns.Run(ns, () => throw new InvalidOperationException("inside")));
        Assert.Equal("inside", e.Message);
    }

    [Fact]
    public void Opening_a_missing_or_non_namespace_path_is_a_typed_error()
    {
        var missing = Assert.Throws<NetlinkException>(() => NetnsHandle.Open("/run/netns/" + Prefix + "-absent"));
        Assert.True(missing.IsNotFound);
        Assert.Equal("open", missing.Operation);

        var notNs = Assert.Throws<NetlinkException>(() => NetnsHandle.Open("/proc/self/status"));
        Assert.Equal(22, notNs.Errno);

        var otherKind = Assert.Throws<NetlinkException>(() => NetnsHandle.Open("/proc/self/ns/uts"));
        Assert.Equal(22, otherKind.Errno);
    }

    [Fact]
    public void Sysctl_reads_and_writes_follow_the_namespace_thread()
    {
        string a = NewNamespace("a");
        var ns = OpenNs(a);
        Ip.Run("-n", a, "link", "add", "brx", "type", "bridge");
        string rootForward = Sysctl.Read("ipv4/ip_forward");

        Netns.Run(ns, () =>
        {
            Sysctl.Write("ipv4/ip_forward", rootForward == "1" ? "0" : "1");
            Sysctl.Write("ipv6/conf/brx/accept_dad", "0");
        });

        Assert.Equal(rootForward == "1" ? "0" : "1", Netns.Run(ns, () => Sysctl.Read("ipv4/ip_forward")));
        Assert.Equal(rootForward == "1" ? "0" : "1", ReadViaIpNetnsExec(a, "ipv4/ip_forward"));
        Assert.Equal("0", ReadViaIpNetnsExec(a, "ipv6/conf/brx/accept_dad"));
        Assert.Equal(rootForward, Sysctl.Read("ipv4/ip_forward"));
        Assert.False(Sysctl.TryRead("ipv6/conf/brx/accept_dad", out _));
        Assert.True(Netns.Run(ns, () => Sysctl.TryRead("ipv6/conf/brx/accept_dad", out string v) && v == "0"));

        var missing = Assert.Throws<SysctlException>(() => Netns.Run(ns, () => Sysctl.Write("ipv4/conf/nope0/rp_filter", "1")));
        Assert.True(missing.IsNotFound);
        var refused = Assert.Throws<SysctlException>(() => Netns.Run(ns, () => Sysctl.Write("ipv4/ip_forward", "banana")));
        Assert.False(refused.IsNotFound);
        Assert.Throws<ArgumentException>(() => Netns.Run(ns, () => Sysctl.Write("../kernel/hostname", "x")));
        Assert.Throws<ArgumentException>(() => Netns.Run(ns, () => Sysctl.Write("/proc/sys/net/ipv4/ip_forward", "1")));
    }

    private static string ReadViaIpNetnsExec(string ns, string key) =>
        Ip.Run("netns", "exec", ns, "cat", "/proc/sys/net/" + key).Trim();
}
