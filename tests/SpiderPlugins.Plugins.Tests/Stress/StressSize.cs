namespace SpiderPlugins.Plugins.Tests.Stress;

/// <summary>
/// How big the stress, churn and fault suites run. CI (`make test`) runs the reduced sizes so the four suites add
/// under ~4 minutes on a 2-core machine; SPIDER_PLUGINS_STRESS=full selects the sizes the issue measures:
/// <code>
///                      CI   full
///   concurrent pods    12     50
///   churn cycles       40    500
/// </code>
/// The fault and hostile suites have one size: every ADD step and every corpus case run in both modes.
/// </summary>
internal static class StressSize
{
    public static bool Full => string.Equals(Environment.GetEnvironmentVariable("SPIDER_PLUGINS_STRESS"), "full", StringComparison.OrdinalIgnoreCase);

    public static int ConcurrentPods => Full ? 50 : 12;

    public static int ChurnCycles => Full ? 500 : 40;
}
