using SpiderPlugins.Cni;
using SpiderPlugins.Plugins.Pending;
using SpiderPlugins.Plugins.Veth;

namespace SpiderPlugins.App;

/// <summary>
/// One binary, several plugins: the name it was invoked as (argv[0], as a runtime execs it from the CNI bin
/// directory through a link or copy) picks the plugin; under its own name it is the operator CLI.
/// </summary>
public static class Dispatcher
{
    public static int Run(string[] argv)
    {
        var invokedAs = Path.GetFileName(argv.Length > 0 ? argv[0] : "spider-plugins");
        return invokedAs switch
        {
            "veth" => PluginRunner.RunProcess(new VethPlugin()),
            "router" or "coordinator" => PluginRunner.RunProcess(new PendingPlugin(invokedAs)),
            _ => OperatorCli.Run(argv.AsSpan(1)),
        };
    }
}
