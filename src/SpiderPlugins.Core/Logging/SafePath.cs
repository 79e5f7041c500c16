namespace SpiderPlugins.Core.Logging;

/// <summary>
/// Validation of operator-supplied file and directory paths (log file, state dir): absolute, no "..", and no
/// component that is a symbolic link, so a config cannot make a root process write through a link it planted.
/// </summary>
public static class SafePath
{
    /// <summary>Returns null when the path is acceptable, otherwise the reason.</summary>
    public static string? Problem(string path)
    {
        if (path.Length == 0 || path[0] != '/')
        {
            return "must be an absolute path";
        }

        if (path.Contains('\0', StringComparison.Ordinal) || path.Length > 4000)
        {
            return "contains a NUL byte or is too long";
        }

        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var part in parts)
        {
            if (part is ".." or ".")
            {
                return "must not contain '.' or '..' components";
            }
        }

        var current = "";
        foreach (var part in parts)
        {
            current += "/" + part;
            FileSystemInfo info = new FileInfo(current);
            if (!info.Exists)
            {
                info = new DirectoryInfo(current);
                if (!info.Exists)
                {
                    break; // the rest does not exist yet and will be created by us
                }
            }

            if (info.LinkTarget is not null)
            {
                return $"goes through the symbolic link {current}";
            }
        }

        return null;
    }
}
