namespace SpiderPlugins.Core.Logging;

public enum LogLevel
{
    Debug,
    Info,
    Warn,
    Error,
}

public static class LogLevels
{
    /// <summary>Parses the level names the dialects use; null for anything else (callers turn that into error 7).</summary>
    public static LogLevel? Parse(string s) => s.Trim().ToLowerInvariant() switch
    {
        "debug" or "trace" or "verbose" => LogLevel.Debug,
        "info" => LogLevel.Info,
        "warn" or "warning" => LogLevel.Warn,
        "error" or "panic" or "fatal" => LogLevel.Error,
        _ => null,
    };
}
