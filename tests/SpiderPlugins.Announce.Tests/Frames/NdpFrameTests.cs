using System.Net;
using SpiderPlugins.Core.Neighbors;

namespace SpiderPlugins.Announce.Tests.Frames;

public class NdpFrameTests
{
    private static readonly byte[] Mac = Convert.FromHexString("021122334455");
    private static readonly IPAddress Target = IPAddress.Parse("fd00:10:20::101");

    [Fact]
    public void Dad_solicitation_is_sent_from_unspecified_to_the_solicited_node_group()
    {
        var frame = NdpFrame.DadSolicitation(Mac, Target);

        Assert.Equal(
            "3333ff000101" + "021122334455" + "86dd" +                        // Ethernet
            "60000000" + "0018" + "3a" + "ff" +                               // IPv6: len 24, ICMPv6, hop 255
            "00000000000000000000000000000000" +                              // src ::
            "ff0200000000000000000001ff000101" +                              // dst solicited-node group
            "87" + "00" + "7b75" + "00000000" +                               // NS, code, checksum, reserved
            "fd000010002000000000000000000101",                               // target; no options from ::
            Convert.ToHexStringLower(frame));
    }

    [Fact]
    public void Unsolicited_advertisement_sets_override_only_and_carries_the_target_mac()
    {
        var frame = NdpFrame.UnsolicitedAdvertisement(Mac, Target);

        Assert.Equal(
            "333300000001" + "021122334455" + "86dd" +
            "60000000" + "0020" + "3a" + "ff" +                               // IPv6: len 32
            "fd000010002000000000000000000101" +                              // src = the address itself
            "ff020000000000000000000000000001" +                              // dst all-nodes
            "88" + "00" + "f1a2" + "20000000" +                               // NA, checksum, flags: O only
            "fd000010002000000000000000000101" +                              // target
            "0201" + "021122334455",                                          // TLLA option
            Convert.ToHexStringLower(frame));
    }

    [Theory]
    [InlineData("fd00:10:20::101")]
    [InlineData("fe80::2aa:ff:fe28:9c5a")]
    [InlineData("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")]
    public void Checksums_match_the_reference_implementation(string ip)
    {
        var address = IPAddress.Parse(ip);
        foreach (var (frame, source, destination) in new[]
                 {
                     (NdpFrame.DadSolicitation(Mac, address), IPAddress.IPv6Any, SolicitedNode.Address(address)),
                     (NdpFrame.UnsolicitedAdvertisement(Mac, address), address, IPAddress.Parse("ff02::1")),
                 })
        {
            var message = frame[NdpFrame.HeadersLength..];
            var carried = (ushort)((message[2] << 8) | message[3]);
            message[2] = message[3] = 0;

            Assert.Equal(ReferenceChecksum.Icmpv6(source, destination, message), carried);
        }
    }

    [Fact]
    public void Odd_length_messages_are_padded_with_zero()
    {
        var src = IPAddress.Parse("fe80::1");
        var dst = IPAddress.Parse("ff02::1");
        byte[] message = [0x80, 0x00, 0x00, 0x00, 0x12, 0x34, 0x00, 0x01, 0xab];

        Assert.Equal(ReferenceChecksum.Icmpv6(src, dst, message), Icmpv6Checksum.Compute(src, dst, message));
    }

    [Fact]
    public void Builders_reject_ipv4_targets_and_bad_macs()
    {
        Assert.Throws<ArgumentException>(() => NdpFrame.DadSolicitation(Mac, IPAddress.Parse("10.0.0.1")));
        Assert.Throws<ArgumentException>(() => NdpFrame.UnsolicitedAdvertisement(Mac, IPAddress.Parse("10.0.0.1")));
        Assert.Throws<ArgumentException>(() => NdpFrame.UnsolicitedAdvertisement(new byte[8], Target));
    }
}
