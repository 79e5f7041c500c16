using Grpc.Core;
using SpiderPlugins.Tools.CriClient;
using SpiderPlugins.Tools.CriClient.Cri;

// cri-client --socket S [--timeout SECONDS] <command> ...
//   version                 runtime name/version as JSON
//   runp <name> <uid> <ns>  RunPodSandbox, then prints the sandbox status JSON (id, state, ips, netns, pid)
//   status <id>             the sandbox status JSON
//   stopp <id>              StopPodSandbox
//   rmp <id>                RemovePodSandbox
// Exit codes: 0 ok, 1 the runtime answered with an error, 2 usage.
const string Usage = "usage: cri-client --socket PATH [--timeout SECONDS] (version | runp NAME UID NAMESPACE | status ID | stopp ID | rmp ID)";

string? socket = null;
var timeout = TimeSpan.FromSeconds(60);
var rest = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--socket" when i + 1 < args.Length:
            socket = args[++i];
            break;
        case "--timeout" when i + 1 < args.Length && double.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0:
            timeout = TimeSpan.FromSeconds(seconds);
            i++;
            break;
        default:
            rest.Add(args[i]);
            break;
    }
}

if (socket is null || rest.Count == 0)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

using var channel = UnixSocketChannel.Open(socket);
var client = new RuntimeService.RuntimeServiceClient(channel);
CallOptions Deadline() => new(deadline: DateTime.UtcNow + timeout);

try
{
    switch (rest[0], rest.Count)
    {
        case ("version", 1):
            var version = await client.VersionAsync(new VersionRequest { Version = "v1" }, Deadline());
            Console.WriteLine(JsonLine.Object(w =>
            {
                w.WriteString("runtimeName", version.RuntimeName);
                w.WriteString("runtimeVersion", version.RuntimeVersion);
                w.WriteString("runtimeApiVersion", version.RuntimeApiVersion);
            }));
            return 0;
        case ("runp", 4):
            var run = await client.RunPodSandboxAsync(new RunPodSandboxRequest { Config = PodConfig.Create(rest[1], rest[2], rest[3]) }, Deadline());
            Console.WriteLine(SandboxReport.ToJson(await Status(client, run.PodSandboxId)));
            return 0;
        case ("status", 2):
            Console.WriteLine(SandboxReport.ToJson(await Status(client, rest[1])));
            return 0;
        case ("stopp", 2):
            await client.StopPodSandboxAsync(new StopPodSandboxRequest { PodSandboxId = rest[1] }, Deadline());
            Console.WriteLine(rest[1]);
            return 0;
        case ("rmp", 2):
            await client.RemovePodSandboxAsync(new RemovePodSandboxRequest { PodSandboxId = rest[1] }, Deadline());
            Console.WriteLine(rest[1]);
            return 0;
        default:
            Console.Error.WriteLine(Usage);
            return 2;
    }
}
catch (RpcException e)
{
    Console.Error.WriteLine($"cri-client: {rest[0]}: {e.StatusCode}: {e.Status.Detail}");
    return 1;
}

async Task<PodSandboxStatusResponse> Status(RuntimeService.RuntimeServiceClient c, string id) =>
    await c.PodSandboxStatusAsync(new PodSandboxStatusRequest { PodSandboxId = id, Verbose = true }, Deadline());
