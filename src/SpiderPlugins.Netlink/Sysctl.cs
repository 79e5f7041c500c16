using System.Text;

namespace SpiderPlugins.Netlink;

/// <summary>
/// Network sysctls under /proc/sys/net, by relative key ("ipv4/conf/all/rp_filter"). /proc/sys/net follows the
/// calling thread's namespace, so call this inside <see cref="Netns.Run{T}"/> to reach a pod's values.
/// Keys are confined to /proc/sys/net: absolute paths, "." / ".." segments, empty segments and NUL are rejected.
/// </summary>
public static class Sysctl
{
    private const string Root = "/proc/sys/net/";

    /// <summary>Reads a value, trimmed of the trailing newline; throws <see cref="SysctlException"/>.</summary>
    public static string Read(string key)
    {
        string path = PathOf(key);
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Wrap(key, "read", e);
        }
    }

    /// <summary>Reads a value; false when the key does not exist (other failures still throw).</summary>
    public static bool TryRead(string key, out string value)
    {
        string path = PathOf(key);
        try
        {
            value = File.ReadAllText(path).Trim();
            return true;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            value = "";
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Wrap(key, "read", e);
        }
    }

    /// <summary>Writes a value with a single write(2) at offset 0, as the kernel's sysctl handlers expect.</summary>
    public static void Write(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string path = PathOf(key);
        byte[] bytes = Encoding.ASCII.GetBytes(value.EndsWith('\n') ? value : value + "\n");
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Write);
            RandomAccess.Write(handle, bytes, 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Wrap(key, "write '" + value + "'", e);
        }
    }

    /// <summary>Validates a relative key and returns its absolute path; throws <see cref="ArgumentException"/>.</summary>
    internal static string PathOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0)
            throw new ArgumentException("empty sysctl key", nameof(key));
        if (key[0] == '/')
            throw new ArgumentException($"sysctl key '{key}' must be relative to /proc/sys/net", nameof(key));
        int start = 0;
        while (start <= key.Length)
        {
            int slash = key.IndexOf('/', start);
            int end = slash < 0 ? key.Length : slash;
            ReadOnlySpan<char> segment = key.AsSpan(start, end - start);
            if (segment.IsEmpty || segment is "." || segment is "..")
                throw new ArgumentException($"sysctl key '{key}' has an empty, '.' or '..' segment", nameof(key));
            foreach (char c in segment)
            {
                if (char.IsControl(c) || char.IsWhiteSpace(c))
                    throw new ArgumentException($"sysctl key '{key}' contains a control or blank character", nameof(key));
            }
            if (slash < 0)
                break;
            start = slash + 1;
        }
        return Root + key;
    }

    private static SysctlException Wrap(string key, string action, Exception e)
    {
        bool notFound = e is FileNotFoundException or DirectoryNotFoundException;
        return new SysctlException(key, action + " failed: " + (notFound ? "no such key" : e.Message), e, notFound);
    }
}
