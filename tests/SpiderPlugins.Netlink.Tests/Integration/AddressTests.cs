using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace SpiderPlugins.Netlink.Tests.Integration;

public sealed class AddressTests : TwoNamespaces
{
    [Fact]
    public void Add_v4_and_v6_nodad_then_list_filtered_then_delete()
    {
        NlA.AddAddress(Va, IPAddress.Parse("10.1.0.1"), 24);
        NlA.AddAddress(Va, IPAddress.Parse("fd00::1"), 64, noDad: true);

        var infos = Ip.Json(A, "addr", "show", "dev", "va")[0].GetProperty("addr_info").EnumerateArray().ToList();
        JsonElement v4 = infos.Single(i => i.Str("local") == "10.1.0.1");
        JsonElement v6 = infos.Single(i => i.Str("local") == "fd00::1");
        Assert.Equal(24, v4.Int("prefixlen"));
        Assert.Equal(64, v6.Int("prefixlen"));
        Assert.True(v6.GetProperty("nodad").GetBoolean());
        Assert.False(v6.TryGetProperty("tentative", out _));

        var mine4 = Assert.Single(NlA.ListAddresses(Va, AddressFamily.InterNetwork));
        Assert.Equal(IPAddress.Parse("10.1.0.1"), mine4.Ip);
        Assert.Equal(24, mine4.PrefixLength);
        Assert.Equal(Va, mine4.Index);
        Assert.Equal(0, mine4.Scope);

        var v6s = NlA.ListAddresses(Va, AddressFamily.InterNetworkV6);
        var global6 = Assert.Single(v6s, a => a.Scope == 0);
        Assert.Equal(IPAddress.Parse("fd00::1"), global6.Ip);
        Assert.Equal(64, global6.PrefixLength);
        Assert.NotEqual(0u, global6.Flags & 0x02);    // IFA_F_NODAD
        Assert.Equal(0u, global6.Flags & 0x40);       // not IFA_F_TENTATIVE
        Assert.All(v6s, a => Assert.Equal(AddressFamily.InterNetworkV6, a.Ip.AddressFamily));

        // Filtering by link keeps lo's 127.0.0.1/::1 out; no filter brings them in.
        Assert.DoesNotContain(NlA.ListAddresses(Va), a => IPAddress.IsLoopback(a.Ip));
        Assert.Contains(NlA.ListAddresses(), a => a.Ip.Equals(IPAddress.Loopback) && a.Index == 1);
        Assert.Equal(infos.Count, NlA.ListAddresses(Va).Count);

        NlA.DeleteAddress(Va, IPAddress.Parse("10.1.0.1"), 24);
        NlA.DeleteAddress(Va, IPAddress.Parse("fd00::1"), 64);

        var left = Ip.Json(A, "addr", "show", "dev", "va")[0].GetProperty("addr_info").EnumerateArray()
            .Select(i => i.Str("local")).ToList();
        Assert.DoesNotContain("10.1.0.1", left);
        Assert.DoesNotContain("fd00::1", left);
        Assert.Empty(NlA.ListAddresses(Va, AddressFamily.InterNetwork));
    }

    [Fact]
    public void Double_add_is_EEXIST_and_deleting_an_absent_address_is_not_found()
    {
        NlA.AddAddress(Va, IPAddress.Parse("10.1.0.1"), 24);

        var exists = Assert.Throws<NetlinkException>(() => NlA.AddAddress(Va, IPAddress.Parse("10.1.0.1"), 24));
        Assert.True(exists.IsExists);
        Assert.Equal("RTM_NEWADDR", exists.Operation);

        var absent = Assert.Throws<NetlinkException>(() => NlA.DeleteAddress(Va, IPAddress.Parse("10.9.9.9"), 24));
        Assert.True(absent.IsNotFound);
        Assert.Equal(99, absent.Errno); // EADDRNOTAVAIL
        var absent6 = Assert.Throws<NetlinkException>(() => NlA.DeleteAddress(Va, IPAddress.Parse("fd09::9"), 64));
        Assert.True(absent6.IsNotFound);
    }
}
