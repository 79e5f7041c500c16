using SpiderPlugins.Tools.CriClient.Cri;

namespace SpiderPlugins.Tools.CriClient;

/// <summary>The pod sandbox a kubelet would ask for: own network namespace (so the CNI chain runs), nothing else.</summary>
internal static class PodConfig
{
    public static PodSandboxConfig Create(string name, string uid, string podNamespace) => new()
    {
        Metadata = new PodSandboxMetadata { Name = name, Uid = uid, Namespace = podNamespace, Attempt = 0 },
        Hostname = name,
        Labels = { ["spider-plugins.test/runtime-harness"] = "true" },
        Linux = new LinuxPodSandboxConfig
        {
            SecurityContext = new LinuxSandboxSecurityContext
            {
                NamespaceOptions = new NamespaceOption { Network = NamespaceMode.Pod, Pid = NamespaceMode.Pod, Ipc = NamespaceMode.Pod },
            },
        },
    };
}
