namespace SpiderPlugins.Netlink;

/// <summary>A sysctl under /proc/sys/net could not be read or written (missing key, value refused, no permission).</summary>
public sealed class SysctlException : IOException
{
    public SysctlException(string key, string message, Exception? inner = null, bool isNotFound = false)
        : base($"sysctl net/{key}: {message}", inner)
    {
        Key = key;
        IsNotFound = isNotFound;
    }

    /// <summary>The relative key, e.g. "ipv4/conf/all/rp_filter".</summary>
    public string Key { get; }

    /// <summary>The key does not exist in this namespace (e.g. the interface is elsewhere).</summary>
    public bool IsNotFound { get; }
}
