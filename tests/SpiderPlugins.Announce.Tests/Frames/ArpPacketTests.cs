using System.Net;
using System.Net.NetworkInformation;
using SpiderPlugins.Core.Neighbors;

namespace SpiderPlugins.Announce.Tests.Frames;

public class ArpPacketTests
{
    private static readonly byte[] Mac = Convert.FromHexString("021122334455");

    [Fact]
    public void Probe_has_sender_ip_zero_and_empty_target_mac()
    {
        var packet = ArpPacket.Probe(Mac, IPAddress.Parse("10.1.2.3"));

        Assert.Equal(
            "0001" + "0800" + "06" + "04" + "0001" +   // Ethernet, IPv4, hlen, plen, request
            "021122334455" + "00000000" +              // sha = own MAC, spa = 0.0.0.0
            "000000000000" + "0a010203",               // tha = zero, tpa = probed IP
            Convert.ToHexStringLower(packet));
    }

    [Fact]
    public void Gratuitous_request_carries_the_address_as_sender_and_target()
    {
        var packet = ArpPacket.Gratuitous(Mac, IPAddress.Parse("10.1.2.3"));

        Assert.Equal(
            "0001" + "0800" + "06" + "04" + "0001" +
            "021122334455" + "0a010203" +
            "ffffffffffff" + "0a010203",
            Convert.ToHexStringLower(packet));
    }

    [Fact]
    public void Builders_reject_ipv6_and_bad_macs()
    {
        Assert.Throws<ArgumentException>(() => ArpPacket.Probe(Mac, IPAddress.Parse("fd00::1")));
        Assert.Throws<ArgumentException>(() => ArpPacket.Gratuitous(Mac, IPAddress.Parse("fd00::1")));
        Assert.Throws<ArgumentException>(() => ArpPacket.Probe(new byte[5], IPAddress.Parse("10.1.2.3")));
    }

    [Fact]
    public void Parse_reads_a_reply_and_ignores_ethernet_padding()
    {
        // A reply as the kernel sends it to a probe, padded to the 46-byte Ethernet minimum payload.
        var bytes = Convert.FromHexString("0001080006040002" + "02bb00000002" + "0a4d0002" + "021122334455" + "00000000" + new string('0', 36));

        Assert.True(ArpPacket.TryParse(bytes, out var packet));
        Assert.Equal(
            new ArpPacket(ArpPacket.Reply, PhysicalAddress.Parse("02:bb:00:00:00:02"), IPAddress.Parse("10.77.0.2"),
                PhysicalAddress.Parse("02:11:22:33:44:55"), IPAddress.Any),
            packet);
    }

    [Fact]
    public void Parse_round_trips_the_builders()
    {
        Assert.True(ArpPacket.TryParse(ArpPacket.Gratuitous(Mac, IPAddress.Parse("192.168.7.9")), out var packet));
        Assert.Equal(ArpPacket.Request, packet.Operation);
        Assert.Equal(IPAddress.Parse("192.168.7.9"), packet.SenderIp);
        Assert.Equal(IPAddress.Parse("192.168.7.9"), packet.TargetIp);
        Assert.Equal(new PhysicalAddress(Mac), packet.SenderMac);
        Assert.Equal(PhysicalAddress.Parse("ff:ff:ff:ff:ff:ff"), packet.TargetMac);
    }

    [Theory]
    [InlineData("")]
    [InlineData("000108000604000102112233445500000000000000000000")]            // 24 bytes: truncated
    [InlineData("00060800060400010211223344550a010203ffffffffffff0a010203")]    // hardware type 6 (IEEE 802)
    [InlineData("000186dd060400010211223344550a010203ffffffffffff0a010203")]    // protocol IPv6
    [InlineData("000108000804000102112233445500000a010203ffffffffffff0a010203")] // hlen 8
    [InlineData("00010800061000010211223344550a010203ffffffffffff0a010203")]    // plen 16
    public void Parse_rejects_short_or_foreign_packets(string hex)
    {
        Assert.False(ArpPacket.TryParse(Convert.FromHexString(hex), out var packet));
        Assert.Null(packet);
    }
}
