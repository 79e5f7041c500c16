namespace SpiderPlugins.Plugins.Tests.Stress;

/// <summary>
/// The stress, fault and hostile classes share one xunit collection so they run one after another: each of them
/// loads both cores on its own, and overlapping them would only turn the hostile suite's per-case deadline into a
/// measure of scheduler luck.
/// </summary>
[CollectionDefinition(Name)]
public sealed class HeavyCollection
{
    public const string Name = "spt-heavy";
}
