using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;
using SpiderPlugins.Core.Neighbors;

namespace SpiderPlugins.Announce.Tests.Frames;

public class NeighborAdvertisementTests
{
    private static readonly byte[] Mac = Convert.FromHexString("02bb00000002");
    private static readonly IPAddress Target = IPAddress.Parse("fd00:77::2");

    [Fact]
    public void Parses_an_advertisement_with_target_link_layer_option()
    {
        Assert.True(NeighborAdvertisement.TryParse(NdpFrame.UnsolicitedAdvertisement(Mac, Target), out var na));

        Assert.Equal(
            new NeighborAdvertisement(new PhysicalAddress(Mac), Target, IPAddress.Parse("ff02::1"), Target,
                Router: false, Solicited: false, Override: true, new PhysicalAddress(Mac)),
            na);
    }

    [Fact]
    public void Without_option_the_owner_is_the_frame_source_and_flags_are_decoded()
    {
        // A solicited NA (R and S set) without options: the sender must be taken from Ethernet.
        var frame = Advertisement(options: [], flags: 0xc0);

        Assert.True(NeighborAdvertisement.TryParse(frame, out var na));
        Assert.Null(na.TargetLinkLayerAddress);
        Assert.Equal(new PhysicalAddress(Mac), na.Owner);
        Assert.True(na.Router);
        Assert.True(na.Solicited);
        Assert.False(na.Override);
    }

    [Fact]
    public void Unknown_options_are_skipped()
    {
        // Nonce option (14, length 1) before the TLLA.
        byte[] options = [14, 1, 1, 2, 3, 4, 5, 6, 2, 1, .. Convert.FromHexString("02cc00000003")];

        Assert.True(NeighborAdvertisement.TryParse(Advertisement(options), out var na));
        Assert.Equal(PhysicalAddress.Parse("02:cc:00:00:00:03"), na.Owner);
    }

    public static TheoryData<string, byte[]> Malformed()
    {
        var good = NdpFrame.UnsolicitedAdvertisement(Mac, Target);
        return new TheoryData<string, byte[]>
        {
            { "empty", [] },
            { "truncated message", good[..(NdpFrame.HeadersLength + 20)] },
            { "ethertype IPv4", Patch(good, 12, 0x08, 0x00) },
            { "IP version 4", Patch(good, 14, 0x40) },
            { "next header UDP", Patch(good, 20, 17) },
            { "hop limit 254 (forwarded)", Patch(good, 21, 254) },
            { "payload length beyond frame", Patch(good, 18, 0x00, 0x40) },
            { "payload length below NA size", Patch(good, 18, 0x00, 0x10) },
            { "neighbor solicitation", NdpFrame.DadSolicitation(Mac, Target) },
            { "code 1", Patch(good, NdpFrame.HeadersLength + 1, 1) },
            { "checksum off by one", Patch(good, NdpFrame.HeadersLength + 3, (byte)(good[NdpFrame.HeadersLength + 3] ^ 1)) },
            { "zero-length option", Advertisement([2, 0, 0, 0, 0, 0, 0, 0]) },
            { "option longer than message", Advertisement([2, 2, .. Mac]) },
            { "trailing partial option", Advertisement([2, 1, .. Mac, 1, 1]) },
            { "multicast target", Advertisement([], target: IPAddress.Parse("ff02::1")) },
        };
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Rejects_malformed_frames(string why, byte[] frame)
    {
        Assert.False(NeighborAdvertisement.TryParse(frame, out var na), why);
        Assert.Null(na);
    }

    /// <summary>An NA from <see cref="Mac"/>/<see cref="Target"/> with arbitrary options and a correct checksum.</summary>
    private static byte[] Advertisement(byte[] options, byte flags = 0x20, IPAddress? target = null)
    {
        var template = NdpFrame.UnsolicitedAdvertisement(Mac, Target);
        var frame = new byte[NdpFrame.HeadersLength + 24 + options.Length];
        template.AsSpan(0, NdpFrame.HeadersLength + 24).CopyTo(frame);
        options.CopyTo(frame, NdpFrame.HeadersLength + 24);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(18), (ushort)(24 + options.Length));
        var message = frame.AsSpan(NdpFrame.HeadersLength);
        message[4] = flags;
        (target ?? Target).TryWriteBytes(message[8..], out _);
        message[2] = message[3] = 0;
        var sum = ReferenceChecksum.Icmpv6(Target, IPAddress.Parse("ff02::1"), message.ToArray());
        BinaryPrimitives.WriteUInt16BigEndian(message[2..], sum);
        return frame;
    }

    private static byte[] Patch(byte[] frame, int offset, params byte[] bytes)
    {
        var copy = (byte[])frame.Clone();
        bytes.CopyTo(copy, offset);
        return copy;
    }
}
