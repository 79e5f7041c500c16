using SpiderPlugins.Netlink.Protocol;

namespace SpiderPlugins.Netlink.Tests.Unit;

public sealed class AttributeTests
{
    [Theory]
    [InlineData("abc", "0800 0300 61626300")]                 // 4 + 4 bytes: no padding
    [InlineData("abcd", "0900 0300 6162636400 000000")]       // rta_len 9, padded to 12 with zeros
    [InlineData("", "0500 0300 00 000000")]
    public void Strings_are_nul_terminated_and_padded_to_four(string value, string expectedAttr)
    {
        var w = new NlMessageWriter();
        w.Start(1, 0, 0);
        w.AttrString(3, value);

        Assert.Equal(Hex.Of(Hex.Parse(expectedAttr)), Hex.Of(w.Message[16..]));
        Assert.Equal(w.Message.Length, BitConverter.ToInt32(w.Message[..4]));
        Assert.Equal(0, w.Message.Length % 4);
    }

    [Fact]
    public void Nested_length_covers_its_children_including_their_padding()
    {
        var w = new NlMessageWriter(initialCapacity: 8);   // forces the buffer to grow mid-message
        w.Start(1, 0, 0);
        int outer = w.BeginNested(18);
        w.AttrU8(1, 7);
        int inner = w.BeginNested(2);
        w.AttrU16(3, 0x0102);
        w.EndNested(inner);
        w.EndNested(outer);

        Assert.Equal(Hex.Of(Hex.Parse("""
            1800 1200            // outer: 4 + 8 + 12 = 24
              0500 0100 07 000000
              0c00 0200          // inner: 4 + 8 (the u16 attr has rta_len 6; its 2 padding bytes belong to the nest)
                0600 0300 0201 0000
            """)), Hex.Of(w.Message[16..]));
    }

    [Fact]
    public void Reader_strips_nested_and_byteorder_flags_and_stops_at_truncation()
    {
        byte[] attrs = Hex.Parse("""
            0800 0280 01000000   // type 2 | NLA_F_NESTED
            0600 0340 0a0b 0000  // type 3 | NLA_F_NET_BYTEORDER
            1000 0400 ffff       // claims 16 bytes, only 6 present
            """);
        var r = new NlAttributeReader(attrs);

        Assert.True(r.Next());
        Assert.Equal(2, r.Type);
        Assert.Equal(1u, r.U32);
        Assert.True(r.Next());
        Assert.Equal(3, r.Type);
        Assert.Equal(2, r.Value.Length);
        Assert.False(r.Next());
    }

    [Fact]
    public void Message_reader_walks_a_multipart_datagram_and_rejects_short_headers()
    {
        byte[] datagram = Hex.Parse("""
            14000000 1000 0200 05000000 00000000 00000000   // type 16, MULTI, seq 5, 4-byte body
            14000000 0300 0200 05000000 00000000 00000000   // NLMSG_DONE
            0c000000                                        // a stray partial header
            """);
        var m = new NlMessageReader(datagram);

        Assert.True(m.Next());
        Assert.Equal(16, m.Type);
        Assert.Equal(5u, m.Seq);
        Assert.Equal(4, m.Payload.Length);
        Assert.True(m.Next());
        Assert.Equal(Nl.NLMSG_DONE, m.Type);
        Assert.False(m.Next());
    }
}
