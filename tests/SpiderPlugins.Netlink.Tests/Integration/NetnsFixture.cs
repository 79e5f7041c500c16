namespace SpiderPlugins.Netlink.Tests.Integration;

/// <summary>
/// Per-test throwaway namespaces named spt-nl-&lt;pid&gt;-&lt;n&gt;-&lt;suffix&gt; plus a netlink socket opened in each.
/// Dispose deletes them all, also when the test failed, which takes every link, route and rule inside with them.
/// Nothing is ever created in the root namespace.
/// </summary>
public abstract class NetnsTest : IDisposable
{
    private static int s_counter;
    private readonly List<string> _names = [];
    private readonly List<IDisposable> _owned = [];

    protected NetnsTest()
    {
        Prefix = $"spt-nl-{Environment.ProcessId}-{Interlocked.Increment(ref s_counter)}";
    }

    protected string Prefix { get; }

    /// <summary>Creates namespace Prefix-suffix with lo up and returns its name.</summary>
    protected string NewNamespace(string suffix)
    {
        string name = Prefix + "-" + suffix;
        Ip.Run("netns", "add", name);
        _names.Add(name);
        Ip.Run("-n", name, "link", "set", "lo", "up");
        return name;
    }

    protected NetnsHandle OpenNs(string name) => Own(NetnsHandle.Open("/run/netns/" + name));

    protected RtNetlink OpenNl(string name) => Own(RtNetlink.OpenIn(OpenNs(name)));

    protected T Own<T>(T d) where T : IDisposable
    {
        _owned.Add(d);
        return d;
    }

    /// <summary>Polls a condition until a deadline, for kernel state that settles asynchronously.</summary>
    protected static bool Eventually(Func<bool> condition, int timeoutMs = 5000)
    {
        long deadline = Environment.TickCount64 + timeoutMs;
        while (true)
        {
            if (condition())
                return true;
            if (Environment.TickCount64 > deadline)
                return false;
            Thread.Sleep(10);
        }
    }

    public void Dispose()
    {
        for (int i = _owned.Count - 1; i >= 0; i--)
            _owned[i].Dispose();
        foreach (string name in _names)
            Ip.TryRun("netns", "del", name);
        GC.SuppressFinalize(this);
    }
}
