namespace SpiderPlugins.Netlink.Tests.Unit;

public sealed class ErrorTests
{
    [Fact]
    public void Message_names_operation_target_text_and_symbol()
    {
        var e = new NetlinkException("RTM_NEWROUTE", 17, "10.0.0.0/8 table 500");

        Assert.Equal("RTM_NEWROUTE 10.0.0.0/8 table 500: File exists (EEXIST)", e.Message);
        Assert.Equal("EEXIST", e.ErrnoName);
        Assert.True(e.IsExists);
        Assert.False(e.IsNotFound);
    }

    [Fact]
    public void Kernel_explanation_is_appended()
    {
        var e = new NetlinkException("RTM_NEWROUTE", 22, "10.1.0.1/24 table 254", "Invalid prefix for given prefix length");

        Assert.Equal("RTM_NEWROUTE 10.1.0.1/24 table 254: Invalid argument (EINVAL): Invalid prefix for given prefix length", e.Message);
        Assert.Equal("Invalid prefix for given prefix length", e.KernelMessage);
    }

    [Theory]
    [InlineData(2, true)]    // ENOENT: rule, neighbour
    [InlineData(3, true)]    // ESRCH: route
    [InlineData(19, true)]   // ENODEV: link
    [InlineData(99, true)]   // EADDRNOTAVAIL: address
    [InlineData(17, false)]
    [InlineData(1, false)]
    [InlineData(16, false)]
    public void Not_found_covers_every_flavour_the_kernel_uses(int errno, bool notFound)
    {
        var e = new NetlinkException("RTM_DELROUTE", errno);
        Assert.Equal(notFound, e.IsNotFound);
        Assert.Equal(errno == 17, e.IsExists);
        Assert.StartsWith("RTM_DELROUTE: ", e.Message);
    }

    [Fact]
    public void Unknown_errno_still_has_a_name()
    {
        Assert.EndsWith("(errno 200)", new NetlinkException("x", 200).Message);
    }
}
