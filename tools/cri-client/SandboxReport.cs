using System.Text.Json;
using SpiderPlugins.Tools.CriClient.Cri;

namespace SpiderPlugins.Tools.CriClient;

/// <summary>Writes one sandbox's status as a single JSON line: id, state, ips, netns path, pid.</summary>
internal static class SandboxReport
{
    public static string ToJson(PodSandboxStatusResponse response)
    {
        var status = response.Status;
        response.Info.TryGetValue("info", out var infoJson);
        var info = SandboxInfo.Parse(infoJson);

        return JsonLine.Object(writer =>
        {
            writer.WriteString("id", status?.Id ?? string.Empty);
            writer.WriteString("name", status?.Metadata?.Name ?? string.Empty);
            writer.WriteString("state", status is null ? string.Empty : status.State == PodSandboxState.SandboxReady ? "ready" : "notready");
            writer.WriteStartArray("ips");
            var network = status?.Network;
            if (network is not null)
            {
                if (!string.IsNullOrEmpty(network.Ip))
                {
                    writer.WriteStringValue(network.Ip);
                }

                foreach (var extra in network.AdditionalIps)
                {
                    writer.WriteStringValue(extra.Ip);
                }
            }

            writer.WriteEndArray();
            if (info.NetnsPath is null)
            {
                writer.WriteNull("netns");
            }
            else
            {
                writer.WriteString("netns", info.NetnsPath);
            }

            if (info.Pid is { } pid)
            {
                writer.WriteNumber("pid", pid);
            }
            else
            {
                writer.WriteNull("pid");
            }

        });
    }
}
