using System.Net;
using System.Net.Sockets;

namespace SpiderPlugins.Netlink.Tests.Integration;

public sealed class DumpTests : NetnsTest
{
    [Fact]
    public void Multi_datagram_link_dump_interrupted_by_a_change_is_retried_and_consistent()
    {
        string a = NewNamespace("a");
        var nl = OpenNl(a);
        var other = OpenNl(a);
        for (int i = 0; i < 80; i++)
            nl.CreateBridge("br" + i);
        int datagrams = 0;
        nl.Socket.DumpDatagramHook = attempt =>
        {
            datagrams++;
            if (attempt == 0 && datagrams == 1)
                other.CreateBridge("late");   // changes dev_base_seq between two parts of the same dump
        };

        var links = nl.ListLinks();

        Assert.True(datagrams > 2, $"the dump should span several datagrams, got {datagrams}");
        Assert.Equal(1, nl.Socket.LastDumpRetries);
        Assert.Equal(82, links.Count);   // lo + 80 + late, each exactly once
        Assert.Equal(links.Count, links.Select(l => l.Index).Distinct().Count());
        Assert.Contains(links, l => l.Name == "late");
        Assert.Equal(Ip.Json(a, "link").GetArrayLength(), links.Count);
    }

    [Fact]
    public void Large_address_dump_spans_datagrams_and_matches_ip()
    {
        string a = NewNamespace("a");
        var nl = OpenNl(a);
        nl.CreateBridge("br0");
        int br = nl.GetLink("br0")!.Index;
        for (int i = 0; i < 600; i++)
            nl.AddAddress(br, new IPAddress([10, 9, (byte)(i >> 8), (byte)i]), 32);

        var addrs = nl.ListAddresses(br, AddressFamily.InterNetwork);

        Assert.Equal(600, addrs.Count);
        Assert.Equal(600, addrs.Select(x => x.Ip).Distinct().Count());
        Assert.Equal(0, nl.Socket.LastDumpRetries);
        Assert.Equal(600, Ip.Json(a, "-4", "addr", "show", "dev", "br0")[0].GetProperty("addr_info").GetArrayLength());
    }
}

public sealed class ReceiveBufferTests : NetnsTest
{
    [Fact]
    public void A_datagram_larger_than_the_buffer_grows_it_instead_of_being_truncated()
    {
        string a = NewNamespace("a");
        var nl = OpenNl(a);
        for (int i = 0; i < 5; i++)
            nl.CreateBridge("br" + i);
        nl.Socket.ReceiveBufferSize = 64;   // smaller than a single RTM_NEWLINK

        var links = nl.ListLinks();

        Assert.Equal(["br0", "br1", "br2", "br3", "br4", "lo"], links.Select(l => l.Name).Order(StringComparer.Ordinal).ToArray());
        Assert.True(nl.Socket.ReceiveBufferSize > 64);
        Assert.Equal("br3", nl.GetLink("br3")!.Name);
    }
}
