using System.Text;
using SpiderPlugins.Cni.Results;
using SpiderPlugins.Cni.Tests.Support;

namespace SpiderPlugins.Cni.Tests;

public class ResultConversionTests
{
    public static TheoryData<string, string> AllPairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var from in SupportedVersions.All)
        {
            foreach (var to in SupportedVersions.All)
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Converts_every_version_to_every_version_byte_for_byte(string from, string to)
    {
        var parsed = ResultReader.Parse(Encoding.UTF8.GetBytes(Goldens.Source(from)), from);
        Assert.Equal(from, parsed.CniVersion);

        var written = Encoding.UTF8.GetString(ResultWriter.Write(parsed, to));

        Assert.Equal(Goldens.Expected(from, to), written);
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Output_reads_back_to_the_same_output(string from, string to)
    {
        var once = ResultWriter.Write(ResultReader.Parse(Encoding.UTF8.GetBytes(Goldens.Source(from)), from), to);
        var twice = ResultWriter.Write(ResultReader.Parse(once, "9.9.9"), to);

        Assert.Equal(Encoding.UTF8.GetString(once), Encoding.UTF8.GetString(twice));
    }

    [Fact]
    public void Reading_keeps_every_1_1_field_in_the_model()
    {
        var r = ResultReader.Parse(Encoding.UTF8.GetBytes(Goldens.RichInput11), "1.0.0");

        Assert.Equal(9000, r.Interfaces[1].Mtu);
        Assert.Equal("/run/vhost.sock", r.Interfaces[1].SocketPath);
        Assert.Equal("0000:3b:00.2", r.Interfaces[1].PciId);
        var route = r.Routes[2];
        Assert.Equal((1400, 1360, 100, 500, 0), (route.Mtu, route.AdvMss, route.Priority, route.Table, route.Scope));
        Assert.Equal("10.96.0.0/12", IpText.Format(route.Dst));
        Assert.Equal(24, r.Ips[0].PrefixLength);
        Assert.Equal([1, 1, 0], r.Ips.Select(i => i.Interface ?? -1));
    }

    [Fact]
    public void A_result_without_cniVersion_takes_the_default_version_and_its_shape()
    {
        var legacy = ResultReader.Parse("""{"ip4":{"ip":"10.1.2.3/24"}}"""u8, "0.2.0");
        var modern = ResultReader.Parse("""{"ips":[{"version":"4","address":"10.1.2.3/24"}]}"""u8, "0.3.1");

        Assert.Equal(("0.2.0", "10.1.2.3"), (legacy.CniVersion, legacy.Ips.Single().Address.ToString()));
        Assert.Equal(("0.3.1", "10.1.2.3"), (modern.CniVersion, modern.Ips.Single().Address.ToString()));
    }

    [Fact]
    public void Ipam_style_result_without_interfaces_has_no_interface_indexes()
    {
        var r = ResultReader.Parse("""{"cniVersion":"1.0.0","ips":[{"address":"10.1.2.3/24"}]}"""u8, "1.0.0");

        Assert.Equal("""{"cniVersion":"1.0.0","ips":[{"address":"10.1.2.3/24"}]}""", Encoding.UTF8.GetString(ResultWriter.Write(r, "1.0.0")));
        Assert.Equal("""{"cniVersion":"0.4.0","ips":[{"version":"4","address":"10.1.2.3/24"}]}""", Encoding.UTF8.GetString(ResultWriter.Write(r, "0.4.0")));
    }

    [Fact]
    public void Empty_dns_empty_lists_and_zero_go_ints_are_omitted()
    {
        var r = ResultReader.Parse(
            """{"cniVersion":"1.1.0","interfaces":[{"name":"eth0","mac":"","mtu":0}],"ips":[],"routes":[{"dst":"10.0.0.0/8","gw":"","mtu":0,"table":0}],"dns":{"nameservers":[],"search":[]}}"""u8,
            "1.1.0");

        Assert.Equal(
            """{"cniVersion":"1.1.0","interfaces":[{"name":"eth0"}],"routes":[{"dst":"10.0.0.0/8","table":0}]}""",
            Encoding.UTF8.GetString(ResultWriter.Write(r, "1.1.0")));
    }

    [Fact]
    public void Legacy_output_needs_an_address()
    {
        var r = new CniResult { Interfaces = [new CniInterface { Name = "eth0" }] };

        var e = Assert.Throws<CniException>(() => ResultWriter.Write(r, "0.2.0"));

        Assert.Equal((CniErrorCode.IncompatibleVersion, "cannot convert: no valid IP addresses"), (e.Code, e.Message));
    }

    [Fact]
    public void Legacy_output_only_carries_the_first_address_of_each_family()
    {
        var r = ResultReader.Parse(
            """{"cniVersion":"1.0.0","ips":[{"address":"10.0.0.1/8"},{"address":"10.0.0.2/8"},{"address":"2001:db8::1/64"},{"address":"2001:db8::2/64"}]}"""u8,
            "1.0.0");

        Assert.Equal(
            """{"cniVersion":"0.1.0","ip4":{"ip":"10.0.0.1/8"},"ip6":{"ip":"2001:db8::1/64"}}""",
            Encoding.UTF8.GetString(ResultWriter.Write(r, "0.1.0")));
    }

    [Fact]
    public void Writing_an_unsupported_version_is_code_1()
    {
        var e = Assert.Throws<CniException>(() => ResultWriter.Write(new CniResult(), "2.0.0"));

        Assert.Equal(CniErrorCode.IncompatibleVersion, e.Code);
        Assert.Contains("\"2.0.0\"", e.Message, StringComparison.Ordinal);
    }
}
