using SpiderPlugins.Cni.Results;

namespace SpiderPlugins.Cni;

/// <summary>
/// One CNI call from start to exit code: read stdin, parse env and config, dispatch the verb, print the result or
/// the error. stdout receives exactly one JSON document or nothing, in a single write; diagnostics go to stderr.
/// </summary>
public static class PluginRunner
{
    public const int ExitSuccess = 0;
    public const int ExitFailure = 1;

    /// <summary>The process entry: real environment, real standard streams.</summary>
    public static int RunProcess(ICniPlugin plugin)
    {
        using var stdin = Console.OpenStandardInput();
        using var stdout = Console.OpenStandardOutput();
        using var stderr = new LazyStderr();
        return Run(plugin, Environment.GetEnvironmentVariable, stdin, stdout, stderr);
    }

    public static int Run(ICniPlugin plugin, IReadOnlyDictionary<string, string> env, Stream stdin, Stream stdout, TextWriter stderr) =>
        Run(plugin, name => env.TryGetValue(name, out var v) ? v : null, stdin, stdout, stderr);

    public static int Run(ICniPlugin plugin, Func<string, string?> getenv, Stream stdin, Stream stdout, TextWriter stderr)
    {
        ReadOnlyMemory<byte> input = default;
        byte[]? output;
        int exit;
        try
        {
            input = ReadAll(stdin);
            output = Dispatch(plugin, CniEnvironment.Parse(getenv, input));
            exit = ExitSuccess;
        }
        catch (CniException e)
        {
            stderr.WriteLine($"{plugin.Name}: {Verb(getenv)} failed: code {e.Code}: {e.Message}");
            output = ErrorWriter.Write(e, ConfigParser.PeekVersion(input)); // the config is parsed again only on failure
            exit = ExitFailure;
        }
#pragma warning disable CA1031 // The contract is "every failure becomes error JSON": nothing may escape to the runtime as a crash.
        catch (Exception e)
#pragma warning restore CA1031
        {
            stderr.WriteLine($"{plugin.Name}: {Verb(getenv)} failed with an unexpected exception: {e}");
            output = ErrorWriter.Write(CniErrorCode.Internal, e.Message, null, ConfigParser.PeekVersion(input));
            exit = ExitFailure;
        }

        return Emit(output, stdout, stderr) ? exit : ExitFailure;
    }

    private static byte[]? Dispatch(ICniPlugin plugin, CniRequest request)
    {
        if (request.Command == CniCommand.Version)
        {
            return VersionInfoWriter.Write(request.Stdin);
        }

        var config = ConfigParser.Parse(request.Stdin, request.Command);
        var call = new CniCall(request, config);
        switch (request.Command)
        {
            case CniCommand.Add:
                var result = plugin.Add(call) ?? throw new CniException(CniErrorCode.Internal, $"{plugin.Name} returned no result for ADD");
                return ResultWriter.Write(result, config.CniVersion);
            case CniCommand.Del:
                plugin.Del(call);
                return null;
            case CniCommand.Check:
                plugin.Check(call);
                return null;
            case CniCommand.Gc:
                plugin.Gc(call);
                return null;
            case CniCommand.Status:
                plugin.Status(call);
                return null;
            default:
                throw new CniException(CniErrorCode.InvalidEnvironment, $"unknown CNI_COMMAND: {request.Command.Name()}");
        }
    }

    private static ReadOnlyMemory<byte> ReadAll(Stream stdin)
    {
        try
        {
            using var buffer = new MemoryStream();
            stdin.CopyTo(buffer);
            return buffer.ToArray();
        }
        catch (Exception e) when (e is IOException or NotSupportedException or ObjectDisposedException or UnauthorizedAccessException)
        {
            throw new CniException(CniErrorCode.IoFailure, $"error reading from stdin: {e.Message}");
        }
    }

    private static bool Emit(byte[]? output, Stream stdout, TextWriter stderr)
    {
        if (output is null)
        {
            return true;
        }

        try
        {
            stdout.Write(output, 0, output.Length);
            stdout.Flush();
            return true;
        }
        catch (Exception e) when (e is IOException or NotSupportedException or ObjectDisposedException)
        {
            stderr.WriteLine($"error writing to stdout: {e.Message}");
            return false;
        }
    }

    private static string Verb(Func<string, string?> getenv) => getenv("CNI_COMMAND") is { Length: > 0 } v ? v : "call";
}
