namespace SpiderPlugins.Bench;

internal sealed class Report(Options o)
{
    public int Run() => o.Get("dir").Length > 0 ? 0 : 1;
}
