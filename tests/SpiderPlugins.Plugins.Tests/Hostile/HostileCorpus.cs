namespace SpiderPlugins.Plugins.Tests.Hostile;

/// <summary>One hostile call: its environment (null removes a variable), its stdin, and the error code it must produce.</summary>
internal sealed record HostileCase(string Name, int Code, Dictionary<string, string?> Env, byte[] Stdin);

/// <summary>
/// The corpus: every mutation alone, then seeded random combinations of two or three mutations of different fields
/// (property-style: the combination must fail with the code of the earliest stage among its parts, which pins the
/// order in which the plugin validates). Deterministic, so a failure names a case that can be re-run.
/// </summary>
internal static class HostileCorpus
{
    public const int Combinations = 60;

    public static List<Mutation> Mutations(HostileContext ctx) =>
        [.. ConfigMutations.All(), .. ByteMutations.All(ctx.BaseBytes.Length), .. EnvironmentMutations.All()];

    public static IEnumerable<HostileCase> Cases(HostileContext ctx)
    {
        var all = Mutations(ctx);
        foreach (var m in all)
        {
            yield return Build(ctx, [m]);
        }

        var combinable = all.Where(m => m.Combinable).ToList();
        var random = new Random(20240601);
        for (var i = 0; i < Combinations; i++)
        {
            var picked = new List<Mutation>();
            var size = random.Next(2, 4);
            while (picked.Count < size)
            {
                var m = combinable[random.Next(combinable.Count)];
                if (picked.All(p => p.Field != m.Field) && !(m.Bytes is not null && picked.Any(p => p.Bytes is not null)))
                {
                    picked.Add(m);
                }
            }

            yield return Build(ctx, picked);
        }
    }

    private static HostileCase Build(HostileContext ctx, List<Mutation> parts)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(ctx.BaseConfig)!.AsObject();
        foreach (var m in parts.Where(m => m.Json is not null))
        {
            m.Json!(json, ctx);
        }

        var bytes = ConfigMutations.Utf8(json.ToJsonString());
        foreach (var m in parts.Where(m => m.Bytes is not null))
        {
            bytes = m.Bytes!(bytes, ctx);
        }

        var env = ctx.BaseEnv();
        foreach (var m in parts.Where(m => m.Env is not null))
        {
            m.Env!(env, ctx);
        }

        var first = parts.MinBy(m => m.Stage)!;
        return new HostileCase(string.Join(" + ", parts.Select(m => m.Name)), first.Code, env, bytes);
    }
}
