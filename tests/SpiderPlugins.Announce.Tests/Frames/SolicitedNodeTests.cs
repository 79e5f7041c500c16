using System.Net;
using SpiderPlugins.Core.Neighbors;

namespace SpiderPlugins.Announce.Tests.Frames;

public class SolicitedNodeTests
{
    [Theory]
    [InlineData("fd00:10:20::101", "ff02::1:ff00:101", "3333ff000101")]
    [InlineData("2001:db8::abcd:ef12:3456", "ff02::1:ff12:3456", "3333ff123456")]
    [InlineData("fe80::2aa:ff:fe28:9c5a", "ff02::1:ff28:9c5a", "3333ff289c5a")]
    public void Group_and_mac_use_the_low_24_bits(string ip, string group, string mac)
    {
        Assert.Equal(IPAddress.Parse(group), SolicitedNode.Address(IPAddress.Parse(ip)));
        Assert.Equal(mac, Convert.ToHexStringLower(SolicitedNode.Mac(IPAddress.Parse(ip))));
    }

    [Fact]
    public void All_nodes_maps_to_33_33_00_00_00_01()
    {
        Assert.Equal("333300000001", Convert.ToHexStringLower(MacAddress.ForIpv6Multicast(IPAddress.Parse("ff02::1"))));
    }

    [Fact]
    public void Ipv4_and_unicast_inputs_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => SolicitedNode.Address(IPAddress.Parse("10.0.0.1")));
        Assert.Throws<ArgumentException>(() => MacAddress.ForIpv6Multicast(IPAddress.Parse("fd00::1")));
    }

    [Fact]
    public void Mac_formats_like_ip_link()
    {
        Assert.Equal("02:0a:ff:00:1b:c3", MacAddress.Format(Convert.FromHexString("020aff001bc3")));
    }
}
