using System.Text;

namespace SpiderPlugins.Cni;

/// <summary>The naming rules of the spec (container IDs, network names) and of the kernel (interface names).</summary>
public static class CniNames
{
    /// <summary>IFNAMSIZ is 16 including the terminating NUL.</summary>
    public const int MaxIfNameBytes = 15;

    /// <summary>Runtimes send 64 hex characters; the cap keeps file names derived from the ID within NAME_MAX.</summary>
    public const int MaxContainerIdLength = 200;

    /// <summary>The spec's <c>^[a-zA-Z0-9][a-zA-Z0-9_.\-]*$</c> for CNI_CONTAINERID and the network name.</summary>
    public static bool IsValidIdentifier(string? value)
    {
        if (string.IsNullOrEmpty(value) || !char.IsAsciiLetterOrDigit(value[0]))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_' && c != '.' && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The kernel's dev_valid_name: 1-15 bytes, not "." or "..", no '/', ':' or whitespace.</summary>
    public static bool IsValidIfName(string? value)
    {
        if (string.IsNullOrEmpty(value) || value == "." || value == "..")
        {
            return false;
        }

        if (Encoding.UTF8.GetByteCount(value) > MaxIfNameBytes)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c == '/' || c == ':' || c == '\0' || char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        return true;
    }
}
