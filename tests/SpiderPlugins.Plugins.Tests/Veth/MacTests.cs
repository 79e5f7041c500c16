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

public class Sha256Tests
{
    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("a string of exactly fifty-five bytes for the padding!!")]
    [InlineData("a string of exactly fifty-six bytes for the padding!!!!")]
    public void MatchesTheBclDigest(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(bytes), SpiderPlugins.Core.Naming.Sha256.Hash(bytes));
    }

    [Fact]
    public void KnownVector() =>
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            Convert.ToHexStringLower(SpiderPlugins.Core.Naming.Sha256.Hash("abc"u8)));
}
