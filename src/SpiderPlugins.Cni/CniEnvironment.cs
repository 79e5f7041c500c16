namespace SpiderPlugins.Cni;

/// <summary>Turns the CNI_* environment of one call into a <see cref="CniRequest"/>, validated for its verb.</summary>
public static class CniEnvironment
{
    public static CniRequest Parse(IReadOnlyDictionary<string, string> env, ReadOnlyMemory<byte> stdin) =>
        Parse(name => env.TryGetValue(name, out var v) ? v : null, stdin);

    /// <summary>
    /// Required variables per verb follow the spec's table: ADD/CHECK need CNI_CONTAINERID, CNI_NETNS and
    /// CNI_IFNAME; DEL the same except CNI_NETNS (the netns may be gone); GC needs CNI_PATH; STATUS and VERSION
    /// need nothing. An empty value counts as missing. CNI_PATH is deliberately not required for the other verbs
    /// (Go's skel requires it everywhere; meta plugins that delegate nothing do not need it, and cnitool-style
    /// callers sometimes omit it). Variables a verb does not use are ignored, never validated.
    /// </summary>
    public static CniRequest Parse(Func<string, string?> getenv, ReadOnlyMemory<byte> stdin)
    {
        var commandText = getenv("CNI_COMMAND");
        if (string.IsNullOrEmpty(commandText))
        {
            throw Missing(["CNI_COMMAND"]);
        }

        var command = ParseCommand(commandText);
        if (command is CniCommand.Version)
        {
            return new CniRequest { Command = command, Stdin = stdin };
        }

        var usesAttachment = command is CniCommand.Add or CniCommand.Del or CniCommand.Check;
        var containerId = usesAttachment ? getenv("CNI_CONTAINERID") : null;
        var netns = usesAttachment ? getenv("CNI_NETNS") : null;
        var ifName = usesAttachment ? getenv("CNI_IFNAME") : null;
        var path = getenv("CNI_PATH");

        var missing = new List<string>();
        if (usesAttachment && string.IsNullOrEmpty(containerId))
        {
            missing.Add("CNI_CONTAINERID");
        }

        if (command is CniCommand.Add or CniCommand.Check && string.IsNullOrEmpty(netns))
        {
            missing.Add("CNI_NETNS");
        }

        if (usesAttachment && string.IsNullOrEmpty(ifName))
        {
            missing.Add("CNI_IFNAME");
        }

        if (command is CniCommand.Gc && string.IsNullOrEmpty(path))
        {
            missing.Add("CNI_PATH");
        }

        if (missing.Count > 0)
        {
            throw Missing(missing);
        }

        if (usesAttachment && containerId!.Length > CniNames.MaxContainerIdLength)
        {
            throw new CniException(
                CniErrorCode.InvalidEnvironment,
                $"invalid CNI_CONTAINERID: {containerId.Length} characters, at most {CniNames.MaxContainerIdLength} are accepted");
        }

        if (usesAttachment && !CniNames.IsValidIdentifier(containerId))
        {
            throw new CniException(
                CniErrorCode.InvalidEnvironment,
                $"invalid CNI_CONTAINERID \"{containerId}\": must match ^[a-zA-Z0-9][a-zA-Z0-9_.\\-]*$");
        }

        if (usesAttachment && !CniNames.IsValidIfName(ifName))
        {
            throw new CniException(
                CniErrorCode.InvalidEnvironment,
                $"invalid CNI_IFNAME \"{ifName}\": must be 1-{CniNames.MaxIfNameBytes} bytes, not \".\" or \"..\", without '/', ':' or whitespace");
        }

        return new CniRequest
        {
            Command = command,
            ContainerId = containerId,
            Netns = netns,
            IfName = ifName,
            Args = usesAttachment ? CniArgs.Parse(getenv("CNI_ARGS")) : new Dictionary<string, string>(),
            Path = string.IsNullOrEmpty(path) ? [] : path.Split(':', StringSplitOptions.RemoveEmptyEntries),
            Stdin = stdin,
        };
    }

    /// <summary>Exact, upper-case names as the spec writes them; libcni reads "unknown CNI_COMMAND: VERSION" as "0.1.0 only".</summary>
    public static CniCommand ParseCommand(string value) => value switch
    {
        "ADD" => CniCommand.Add,
        "DEL" => CniCommand.Del,
        "CHECK" => CniCommand.Check,
        "VERSION" => CniCommand.Version,
        "GC" => CniCommand.Gc,
        "STATUS" => CniCommand.Status,
        _ => throw new CniException(CniErrorCode.InvalidEnvironment, $"unknown CNI_COMMAND: {value}"),
    };

    public static string Name(this CniCommand command) => command switch
    {
        CniCommand.Add => "ADD",
        CniCommand.Del => "DEL",
        CniCommand.Check => "CHECK",
        CniCommand.Version => "VERSION",
        CniCommand.Gc => "GC",
        CniCommand.Status => "STATUS",
        _ => command.ToString(),
    };

    private static CniException Missing(IEnumerable<string> names) =>
        new(CniErrorCode.InvalidEnvironment, $"required env variables [{string.Join(' ', names)}] missing");
}
