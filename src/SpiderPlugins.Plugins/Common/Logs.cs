using SpiderPlugins.Cni;
using SpiderPlugins.Core.Logging;
using SpiderPlugins.Plugins.Veth;

namespace SpiderPlugins.Plugins.Common;

/// <summary>Opens the call's logger as configured, stamped with the fields that identify the attachment.</summary>
public static class Logs
{
    public static Logger Open(VethConfig cfg, CniCall call, string verb)
    {
        Logger log;
        try
        {
            log = cfg.LogFile is { } file ? Logger.ToFile(cfg.LogLevel, file, cfg.LogMaxBytes, cfg.LogMaxFiles) : Logger.ToStderr(cfg.LogLevel);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A broken log destination must not fail pod creation; stderr still reaches the runtime's log.
            log = Logger.ToStderr(cfg.LogLevel);
            log.Warn($"cannot open log file {cfg.LogFile}: {e.Message}");
        }

        log.With("plugin", "veth");
        log.With("verb", verb);
        log.With("containerID", call.Request.ContainerId);
        log.With("ifname", call.Request.IfName);
        if (call.Request.Args.TryGetValue("K8S_POD_NAMESPACE", out var ns) && call.Request.Args.TryGetValue("K8S_POD_NAME", out var name))
        {
            log.With("pod", $"{ns}/{name}");
        }

        return log;
    }
}
