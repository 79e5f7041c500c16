using SpiderPlugins.Cni;
using SpiderPlugins.Cni.Results;

namespace SpiderPlugins.Plugins.Pending;

/// <summary>
/// `router` and `coordinator` are installed names of the binary whose plugins are not built yet. They answer
/// VERSION, say so clearly on ADD/CHECK and STATUS, and never block a pod's deletion: DEL and GC succeed.
/// </summary>
public sealed class PendingPlugin(string name) : ICniPlugin
{
    public string Name => name;

    public CniResult Add(CniCall call) => throw NotYet();

    public void Check(CniCall call) => throw NotYet();

    public void Del(CniCall call)
    {
    }

    public void Gc(CniCall call)
    {
    }

    public void Status(CniCall call) =>
        throw new CniException(CniErrorCode.StatusNotAvailable, $"the {name} plugin is not available in this release of spider-plugins");

    private CniException NotYet() =>
        new(CniErrorCode.InvalidConfig, $"the {name} plugin is not available in this release of spider-plugins; chain \"veth\" instead");
}
