namespace SpiderPlugins.Cni.Tests.Support;

/// <summary>
/// One dual-stack result with two interfaces, routes, dns and every 1.1-only field, written in each wire shape.
/// "{V}" is replaced by the version label. Content classes: A = 1.1 source (has 1.1-only fields), B = 0.3.0-1.0.0
/// source (no 1.1 fields), C = 0.1.0/0.2.0 source (no interfaces, one address per family, routes under ip4/ip6).
/// </summary>
internal static class Goldens
{
    private const string Dns = """
        "dns":{"nameservers":["10.96.0.10"],"domain":"cluster.local",
               "search":["default.svc.cluster.local","svc.cluster.local"],"options":["ndots:5"]}
        """;

    /// <summary>Class A input, deliberately non-canonical: upper-case long-form IPv6, host bits in a route dst, keys out of order.</summary>
    public const string RichInput11 = """
        {
          "interfaces": [
            {"mtu": 1500, "name": "vethb8a9c3d2e1f", "mac": "6e:1f:2a:3b:4c:5d"},
            {"name": "eth0", "sandbox": "/var/run/netns/cni-1234", "mac": "02:42:0a:06:d4:4f", "mtu": 9000,
             "socketPath": "/run/vhost.sock", "pciID": "0000:3b:00.2", "futureField": true}
          ],
          "cniVersion": "1.1.0",
          "ips": [
            {"interface": 1, "address": "10.6.212.79/24", "gateway": "10.6.212.1"},
            {"interface": 1, "address": "FD00:10:6:0:0:0:0:4F/64", "gateway": "FD00:10:6::1"},
            {"interface": 0, "address": "169.254.1.2/32"}
          ],
          "routes": [
            {"dst": "0.0.0.0/0", "gw": "10.6.212.1"},
            {"dst": "::/0", "gw": "fd00:10:6::1", "priority": 1024},
            {"scope": 0, "table": 500, "priority": 100, "advmss": 1360, "mtu": 1400, "gw": "169.254.1.1", "dst": "10.96.1.1/12"}
          ],
          "dns": {"search": ["default.svc.cluster.local", "svc.cluster.local"], "nameservers": ["10.96.0.10"],
                  "domain": "cluster.local", "options": ["ndots:5"]}
        }
        """;

    public const string V11A = """
        {"cniVersion":"{V}",
         "interfaces":[
           {"name":"vethb8a9c3d2e1f","mac":"6e:1f:2a:3b:4c:5d","mtu":1500},
           {"name":"eth0","mac":"02:42:0a:06:d4:4f","mtu":9000,"sandbox":"/var/run/netns/cni-1234",
            "socketPath":"/run/vhost.sock","pciID":"0000:3b:00.2"}],
         "ips":[
           {"interface":1,"address":"10.6.212.79/24","gateway":"10.6.212.1"},
           {"interface":1,"address":"fd00:10:6::4f/64","gateway":"fd00:10:6::1"},
           {"interface":0,"address":"169.254.1.2/32"}],
         "routes":[
           {"dst":"0.0.0.0/0","gw":"10.6.212.1"},
           {"dst":"::/0","gw":"fd00:10:6::1","priority":1024},
           {"dst":"10.96.0.0/12","gw":"169.254.1.1","mtu":1400,"advmss":1360,"priority":100,"table":500,"scope":0}],
        """ + Dns + "}";

    public const string V1AB = """
        {"cniVersion":"{V}",
         "interfaces":[
           {"name":"vethb8a9c3d2e1f","mac":"6e:1f:2a:3b:4c:5d"},
           {"name":"eth0","mac":"02:42:0a:06:d4:4f","sandbox":"/var/run/netns/cni-1234"}],
         "ips":[
           {"interface":1,"address":"10.6.212.79/24","gateway":"10.6.212.1"},
           {"interface":1,"address":"fd00:10:6::4f/64","gateway":"fd00:10:6::1"},
           {"interface":0,"address":"169.254.1.2/32"}],
         "routes":[
           {"dst":"0.0.0.0/0","gw":"10.6.212.1"},
           {"dst":"::/0","gw":"fd00:10:6::1"},
           {"dst":"10.96.0.0/12","gw":"169.254.1.1"}],
        """ + Dns + "}";

    public const string V04AB = """
        {"cniVersion":"{V}",
         "interfaces":[
           {"name":"vethb8a9c3d2e1f","mac":"6e:1f:2a:3b:4c:5d"},
           {"name":"eth0","mac":"02:42:0a:06:d4:4f","sandbox":"/var/run/netns/cni-1234"}],
         "ips":[
           {"version":"4","interface":1,"address":"10.6.212.79/24","gateway":"10.6.212.1"},
           {"version":"6","interface":1,"address":"fd00:10:6::4f/64","gateway":"fd00:10:6::1"},
           {"version":"4","interface":0,"address":"169.254.1.2/32"}],
         "routes":[
           {"dst":"0.0.0.0/0","gw":"10.6.212.1"},
           {"dst":"::/0","gw":"fd00:10:6::1"},
           {"dst":"10.96.0.0/12","gw":"169.254.1.1"}],
        """ + Dns + "}";

    public const string V1C = """
        {"cniVersion":"{V}",
         "ips":[
           {"address":"10.6.212.79/24","gateway":"10.6.212.1"},
           {"address":"fd00:10:6::4f/64","gateway":"fd00:10:6::1"}],
         "routes":[
           {"dst":"0.0.0.0/0","gw":"10.6.212.1"},
           {"dst":"10.96.0.0/12","gw":"169.254.1.1"},
           {"dst":"::/0","gw":"fd00:10:6::1"}],
        """ + Dns + "}";

    public const string V04C = """
        {"cniVersion":"{V}",
         "ips":[
           {"version":"4","address":"10.6.212.79/24","gateway":"10.6.212.1"},
           {"version":"6","address":"fd00:10:6::4f/64","gateway":"fd00:10:6::1"}],
         "routes":[
           {"dst":"0.0.0.0/0","gw":"10.6.212.1"},
           {"dst":"10.96.0.0/12","gw":"169.254.1.1"},
           {"dst":"::/0","gw":"fd00:10:6::1"}],
        """ + Dns + "}";

    /// <summary>Every class lands here: first IPv4 and first IPv6 only, routes split by destination family.</summary>
    public const string V02 = """
        {"cniVersion":"{V}",
         "ip4":{"ip":"10.6.212.79/24","gateway":"10.6.212.1",
                "routes":[{"dst":"0.0.0.0/0","gw":"10.6.212.1"},{"dst":"10.96.0.0/12","gw":"169.254.1.1"}]},
         "ip6":{"ip":"fd00:10:6::4f/64","gateway":"fd00:10:6::1",
                "routes":[{"dst":"::/0","gw":"fd00:10:6::1"}]},
        """ + Dns + "}";

    public static string Label(string template, string version) => JsonText.Compact(template).Replace("{V}", version, StringComparison.Ordinal);

    public static char ClassOf(string version) => version switch
    {
        "1.1.0" => 'A',
        "0.1.0" or "0.2.0" => 'C',
        _ => 'B',
    };

    /// <summary>The source document of a class, labelled with the source version.</summary>
    public static string Source(string version) => ClassOf(version) switch
    {
        'A' => RichInput11,
        'C' => Label(V02, version),
        _ => Label(version.StartsWith("1.", StringComparison.Ordinal) ? V1AB : V04AB, version),
    };

    /// <summary>What converting a class to a version must print, byte for byte.</summary>
    public static string Expected(string sourceVersion, string targetVersion)
    {
        var cls = ClassOf(sourceVersion);
        var template = targetVersion switch
        {
            "0.1.0" or "0.2.0" => V02,
            "0.3.0" or "0.3.1" or "0.4.0" => cls == 'C' ? V04C : V04AB,
            "1.0.0" => cls == 'C' ? V1C : V1AB,
            _ => cls switch { 'A' => V11A, 'B' => V1AB, _ => V1C },
        };
        return Label(template, targetVersion);
    }
}
