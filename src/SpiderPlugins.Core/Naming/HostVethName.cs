using System.Text;

namespace SpiderPlugins.Core.Naming;

/// <summary>
/// The host end's name is derived from the container ID alone, so DEL finds it without any state. A hash (not the
/// ID's first characters, as the plugins we replace do) keeps two sandboxes whose IDs share a prefix apart.
/// </summary>
public static class HostVethName
{
    private const int HashChars = Names.MaxIfNameLength - 4;

    public static string For(string containerId)
    {
        var digest = Sha256.Hash(Encoding.UTF8.GetBytes(containerId));
        return Names.HostVethPrefix + Convert.ToHexStringLower(digest)[..HashChars];
    }

    /// <summary>True for names this plugin could have made (used by GC to recognise its own links).</summary>
    public static bool IsOurs(string linkName) =>
        linkName.Length == Names.MaxIfNameLength
        && linkName.StartsWith(Names.HostVethPrefix, StringComparison.Ordinal)
        && linkName.AsSpan(4).IndexOfAnyExcept("0123456789abcdef") < 0;
}
