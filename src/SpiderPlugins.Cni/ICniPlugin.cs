using SpiderPlugins.Cni.Results;

namespace SpiderPlugins.Cni;

/// <summary>
/// What a plugin implements. The runner has already validated the environment for the verb, parsed the config's
/// common keys and converted any prevResult to the 1.1 model; VERSION never reaches the plugin.
/// Throw <see cref="CniException"/> for errors with a code; anything else becomes code 999.
/// </summary>
public interface ICniPlugin
{
    /// <summary>The name used in logs and the version string, e.g. "veth".</summary>
    string Name { get; }

    /// <summary>Returns the result to print; the runner prints it in the config's cniVersion.</summary>
    CniResult Add(CniCall call);

    void Del(CniCall call);

    void Check(CniCall call);

    void Gc(CniCall call);

    void Status(CniCall call);
}

/// <summary>One invocation: the environment and the parsed config.</summary>
public sealed record CniCall(CniRequest Request, NetworkConfig Config);
