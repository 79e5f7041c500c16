using SpiderPlugins.Cni.Results;
using SpiderPlugins.Core.Model;
using SpiderPlugins.Core.Naming;

namespace SpiderPlugins.Plugins.Veth;

/// <summary>Changes to the passed-through result. Interfaces are only ever appended, so ips[].interface stays valid.</summary>
public static class ResultEdits
{
    /// <summary>Reports the MAC we set on the pod's interface.</summary>
    public static CniResult WithMac(CniResult r, string ifName, byte[] mac)
    {
        foreach (var i in r.Interfaces)
        {
            if (i.Name == ifName && !string.IsNullOrEmpty(i.Sandbox))
            {
                i.Mac = Format.Mac(mac);
                return r;
            }
        }

        foreach (var i in r.Interfaces)
        {
            if (i.Name == ifName)
            {
                i.Mac = Format.Mac(mac);
                return r;
            }
        }

        return r;
    }

    public static CniResult WithVeth(CniResult r, byte[] mac, string sandbox)
    {
        if (!r.Interfaces.Any(i => i.Name == Names.PodVeth && i.Sandbox == sandbox))
        {
            r.Interfaces.Add(new CniInterface { Name = Names.PodVeth, Mac = Format.Mac(mac), Sandbox = sandbox });
        }

        return r;
    }
}
