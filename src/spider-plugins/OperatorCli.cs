using System.Reflection;

namespace SpiderPlugins.App;

/// <summary>The binary under its own name: commands for operators (stdout is free here; this is not a CNI call).</summary>
public static class OperatorCli
{
    public static int Run(ReadOnlySpan<string> args)
    {
        var command = args.Length > 0 ? args[0] : "help";
        switch (command)
        {
            case "version" or "--version":
                Console.Out.WriteLine($"spider-plugins {Version} (plugins: veth; router and coordinator not yet available; CNI spec {string.Join(", ", Cni.SupportedVersions.All)})");
                return 0;
            case "help" or "--help" or "-h":
                Console.Out.WriteLine("""
                    usage: spider-plugins <command>
                      version   print the version and the CNI versions spoken
                    Installed in a CNI bin directory as (a link or copy named) veth, router or coordinator,
                    the same binary acts as that CNI plugin.
                    """);
                return 0;
            default:
                Console.Error.WriteLine($"spider-plugins: unknown command \"{command}\" (try: spider-plugins help)");
                return 2;
        }
    }

    private static string Version =>
        typeof(OperatorCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
