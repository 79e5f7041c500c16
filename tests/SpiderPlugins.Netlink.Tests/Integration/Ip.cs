using System.Diagnostics;
using System.Text.Json;

namespace SpiderPlugins.Netlink.Tests.Integration;

/// <summary>Runs iproute2 to set up and to OBSERVE kernel state; the code under test never uses it.</summary>
internal static class Ip
{
    /// <summary>Runs `ip args`; throws with stderr on a non-zero exit.</summary>
    public static string Run(params string[] args)
    {
        var (code, stdout, stderr) = TryRun(args);
        if (code != 0)
            throw new InvalidOperationException($"ip {string.Join(' ', args)} exited {code}: {stderr.Trim()}");
        return stdout;
    }

    public static (int Code, string Stdout, string Stderr) TryRun(params string[] args)
    {
        var psi = new ProcessStartInfo("ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in args)
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("cannot start ip");
        Task<string> err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output, err.Result);
    }

    /// <summary>`ip -j -n ns args...` parsed as a JSON array.</summary>
    public static JsonElement Json(string ns, params string[] args)
    {
        string output = Run(["-j", "-n", ns, .. args]);
        if (string.IsNullOrWhiteSpace(output))
            output = "[]";
        using var doc = JsonDocument.Parse(output);
        return doc.RootElement.Clone();
    }

    public static string? Str(this JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static int? Int(this JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;

    public static long? Long(this JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;

    public static List<string> Strings(this JsonElement e, string name)
    {
        var list = new List<string>();
        if (e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement x in v.EnumerateArray())
                list.Add(x.GetString() ?? "");
        }
        return list;
    }
}
