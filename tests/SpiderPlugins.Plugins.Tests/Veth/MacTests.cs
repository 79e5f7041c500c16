using System.Net;
using SpiderPlugins.Core.Model;
using SpiderPlugins.Core.Naming;

namespace SpiderPlugins.Plugins.Tests.Veth;

public class MacTests
{
    [Theory]
    [InlineData("10.20.20.95", "0a:1b:0a:14:14:5f")]
    [InlineData("0.0.0.1", "0a:1b:00:00:00:01")]
    [InlineData("fd00:10:20::101", "0a:1b:00:00:01:01")]
    [InlineData("::ffff:10.1.2.3", "0a:1b:0a:01:02:03")]
    [InlineData("::1:2", "0a:1b:00:01:00:02")]
    [InlineData("2001:db8::ffff:ffff", "0a:1b:ff:ff:ff:ff")]
    public void DerivedFromTheAddressBytes(string ip, string mac) =>
        Assert.Equal(mac, Format.Mac(Mac.FromIp([0x0a, 0x1b], IPAddress.Parse(ip))));

    [Fact]
    public void RandomMacsAreLocallyAdministeredUnicast()
    {
        for (var i = 0; i < 200; i++)
        {
            var m = Mac.RandomLocal();
            Assert.Equal(6, m.Length);
            Assert.Equal(0x02, m[0] & 0x03);
        }
    }

    [Fact]
    public void HostVethNameIsStableShortAndDistinctForSharedPrefixes()
    {
        var a = HostVethName.For("0123456789abcdef-sandbox-a");
        var b = HostVethName.For("0123456789abcdef-sandbox-b");
        Assert.Equal(a, HostVethName.For("0123456789abcdef-sandbox-a"));
        Assert.NotEqual(a, b);
        Assert.Equal(15, a.Length);
        Assert.StartsWith("veth", a, StringComparison.Ordinal);
        Assert.True(HostVethName.IsOurs(a));
        Assert.False(HostVethName.IsOurs("veth0"));
        Assert.False(HostVethName.IsOurs("vethXYZ12345678"));
    }
}
