using SpiderPlugins.Cni.Results;

namespace SpiderPlugins.Cni.Tests.Support;

/// <summary>A plugin that records what the runner handed it and does what the test says.</summary>
internal sealed class FakePlugin : ICniPlugin
{
    public string Name => "fake";

    public List<(CniCommand Verb, CniCall Call)> Calls { get; } = [];

    /// <summary>ADD's answer; by default the prevResult passed through (what a meta plugin that changes nothing does).</summary>
    public Func<CniCall, CniResult>? OnAdd { get; set; }

    /// <summary>Thrown by every verb when set.</summary>
    public Exception? Throw { get; set; }

    public CniResult Add(CniCall call)
    {
        Record(CniCommand.Add, call);
        return OnAdd is not null ? OnAdd(call) : call.Config.PrevResult ?? new CniResult();
    }

    public void Del(CniCall call) => Record(CniCommand.Del, call);

    public void Check(CniCall call) => Record(CniCommand.Check, call);

    public void Gc(CniCall call) => Record(CniCommand.Gc, call);

    public void Status(CniCall call) => Record(CniCommand.Status, call);

    private void Record(CniCommand verb, CniCall call)
    {
        Calls.Add((verb, call));
        if (Throw is not null)
        {
            throw Throw;
        }
    }
}
