using SpiderPlugins.Bench;

// spider-bench measure --key value ...   (inside the node namespace; see bench/run.sh)
// spider-bench report  --dir <results> ...
try
{
    return args.FirstOrDefault() switch
    {
        "measure" => new Measure(new Options(args.Skip(1))).Run(),
        "report" => new Report(new Options(args.Skip(1))).Run(),
        _ => Usage(),
    };
}
catch (Exception e) when (e is InvalidOperationException or ArgumentException or IOException)
{
    Console.Error.WriteLine($"bench: {e.Message}");
    return 1;
}

static int Usage()
{
    Console.Error.WriteLine("usage: spider-bench measure|report --key value ...");
    return 2;
}
