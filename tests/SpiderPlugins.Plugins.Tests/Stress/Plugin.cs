using System.Text;
using SpiderPlugins.Plugins.Tests.Integration;

namespace SpiderPlugins.Plugins.Tests.Stress;

/// <summary>CNI calls against a <see cref="NodeBed"/> through <see cref="RunningPlugin"/>, with fault hooks set per call.</summary>
internal static class Plugin
{
    public static Dictionary<string, string> Env(NodeBed bed, string verb, string containerId, string pod, string ifName = "eth0", string? netns = null) => new()
    {
        ["CNI_COMMAND"] = verb,
        ["CNI_CONTAINERID"] = containerId,
        ["CNI_NETNS"] = netns ?? bed.NetnsPath(pod),
        ["CNI_IFNAME"] = ifName,
        ["CNI_PATH"] = "/opt/cni/bin",
        ["CNI_ARGS"] = "IgnoreUnknown=1;K8S_POD_NAMESPACE=default;K8S_POD_NAME=" + pod,
    };

    public static RunningPlugin Start(NodeBed bed, string verb, string containerId, string pod, string config,
        string? netns = null, string? stopAt = null, IEnumerable<string>? wrapper = null)
    {
        var env = Env(bed, verb, containerId, pod, netns: netns);
        if (stopAt is not null)
        {
            env["SPIDER_PLUGINS_TEST_STOP_AT"] = stopAt;
        }

        return RunningPlugin.Start(bed.Node, env, Encoding.UTF8.GetBytes(config), wrapper: wrapper);
    }

    public static PluginProcess.Outcome Run(NodeBed bed, string verb, string containerId, string pod, string config, string? netns = null)
    {
        using var p = Start(bed, verb, containerId, pod, config, netns);
        return p.Wait();
    }

    public static PluginProcess.Outcome Ok(NodeBed bed, string verb, string containerId, string pod, string config, string? netns = null)
    {
        var o = Run(bed, verb, containerId, pod, config, netns);
        Assert.True(o.ExitCode == 0, $"{verb} {containerId} failed ({o.ExitCode}): {o.Stdout} {o.Stderr}");
        return o;
    }
}
