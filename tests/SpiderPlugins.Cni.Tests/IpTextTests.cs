using SpiderPlugins.Cni.Results;

namespace SpiderPlugins.Cni.Tests;

public class IpTextTests
{
    [Theory]
    [InlineData("10.1.2.3/24", "10.1.2.3/24")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("255.255.255.255/32", "255.255.255.255/32")]
    [InlineData("2001:DB8:0:0:0:0:0:1/64", "2001:db8::1/64")]
    [InlineData("fd00::0a/128", "fd00::a/128")]
    [InlineData("::ffff:10.1.2.3/96", "::ffff:10.1.2.3/96")]
    public void Cidrs_are_read_and_printed_canonically(string text, string printed)
    {
        Assert.True(IpText.TryParseCidr(text, out var address, out var prefix));
        Assert.Equal(printed, IpText.FormatCidr(address, prefix));
    }

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("10.1.2.3/")]
    [InlineData("10.1.2.3/33")]
    [InlineData("10.1.2.3/-1")]
    [InlineData("10.1.2.3/+8")]
    [InlineData("10.1.2.3/ 8")]
    [InlineData("10/8")]
    [InlineData("10.1/16")]
    [InlineData("0x0a.0.0.1/8")]
    [InlineData("010.0.0.1/8")]
    [InlineData("10.0.0.256/8")]
    [InlineData("10.0.0.1.5/8")]
    [InlineData("fe80::1%eth0/64")]
    [InlineData("[2001:db8::1]/64")]
    [InlineData("2001:db8::1/129")]
    [InlineData("2001:db8:::1/64")]
    [InlineData("/24")]
    [InlineData("")]
    public void Malformed_cidrs_are_rejected(string text) => Assert.False(IpText.TryParseCidr(text, out _, out _));

    [Theory]
    [InlineData("10.1.2.3/8", "10.0.0.0/8")]
    [InlineData("10.255.255.255/9", "10.128.0.0/9")]
    [InlineData("2001:db8::1/32", "2001:db8::/32")]
    [InlineData("1.2.3.4/0", "0.0.0.0/0")]
    public void Route_destinations_lose_their_host_bits(string text, string network)
    {
        Assert.True(IpText.TryParseNetwork(text, out var n));
        Assert.Equal(network, IpText.Format(n));
    }
}
