using System.Text;
using SpiderPlugins.Plugins.Tests.Integration;

namespace SpiderPlugins.Plugins.Tests.Hostile;

/// <summary>
/// What every hostile case starts from: a valid dual-stack primary ADD (config with prevResult, and env) for pod
/// h1 of the shared node bed, with its state and log folders inside the sandbox's temp root. The suite proves that
/// this base succeeds before it runs the corpus, so every failure in the corpus is the mutation's doing.
/// </summary>
internal sealed class HostileContext(NodeBed bed, HostileSandbox sandbox)
{
    public static readonly string[] Dual = ["172.30.1.100/24", "fd00:30:1::100/64"];

    public const string Pod = "h1";

    public const string ContainerId = "hostile-1";

    public NodeBed Bed { get; } = bed;

    public HostileSandbox Sandbox { get; } = sandbox;

    public string BaseConfig { get; } = bed.Config(Pod, "eth0", Dual,
        $$""","log_options":{"log_file":"{{sandbox.LogDir}}/veth.log","log_level":"debug"}""").Replace(bed.StateDir, sandbox.StateDir, StringComparison.Ordinal);

    public byte[] BaseBytes => Encoding.UTF8.GetBytes(BaseConfig);

    public Dictionary<string, string?> BaseEnv(string verb = "ADD") => new()
    {
        ["CNI_COMMAND"] = verb,
        ["CNI_CONTAINERID"] = ContainerId,
        ["CNI_NETNS"] = Bed.NetnsPath(Pod),
        ["CNI_IFNAME"] = "eth0",
        ["CNI_PATH"] = "/opt/cni/bin",
        ["CNI_ARGS"] = "IgnoreUnknown=1;K8S_POD_NAMESPACE=default;K8S_POD_NAME=" + Pod,
    };
}
