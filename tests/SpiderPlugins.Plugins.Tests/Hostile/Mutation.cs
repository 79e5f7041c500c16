using System.Text.Json.Nodes;

namespace SpiderPlugins.Plugins.Tests.Hostile;

/// <summary>
/// Where in a call a mutation breaks it, in the order the plugin checks: the environment is validated before stdin is
/// decoded, the decoded document's cniVersion before any field, the fields before the pod's namespace is opened, and that before its interfaces are read.
/// When mutations are combined the earliest stage decides the error code, which is how combined cases know theirs.
/// </summary>
internal enum Stage
{
    Environment,
    Decode,
    Version,
    Config,
    Namespace,
    Runtime,
}

/// <summary>
/// One way of breaking a valid ADD, and the CNI error code it must produce. It edits the parsed config, the
/// serialized bytes, or the environment (a null value removes the variable). <see cref="Field"/> names what it
/// touches, so that combined mutations never edit the same thing twice; only <see cref="Combinable"/> ones are
/// combined (those that need a particular verb or anchor text are not).
/// </summary>
internal sealed record Mutation(string Name, int Code, Stage Stage, string Field, bool Combinable = true)
{
    public Action<JsonObject, HostileContext>? Json { get; init; }

    public Func<byte[], HostileContext, byte[]>? Bytes { get; init; }

    public Action<Dictionary<string, string?>, HostileContext>? Env { get; init; }
}
