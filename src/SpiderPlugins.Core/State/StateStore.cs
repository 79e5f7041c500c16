using System.Text.Json;

namespace SpiderPlugins.Core.State;

/// <summary>
/// One small JSON file per attachment under a state directory, written atomically (temp file, rename) so a plugin
/// killed mid-write leaves either the old or the new file, never half of one. No fsync: the state describes
/// objects that die with the node's network namespaces, so it need not outlive a power cut, and a file a crash
/// left empty reads as "no state" (DEL then falls back to derived names). That saves a disk flush per ADD.
/// </summary>
public sealed class StateStore(string directory)
{
    private const string Suffix = ".json";

    public string Directory { get; } = directory;

    public string PathFor(string containerId, string ifName) => Path.Combine(Directory, $"{containerId}-{ifName}{Suffix}");

    public void Save(AttachmentState s)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var final = PathFor(s.ContainerId, s.IfName);
        var temp = $"{final}.tmp.{Environment.ProcessId}";
        using (var fs = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None))
        {
            using (var w = new Utf8JsonWriter(fs))
            {
                Write(w, s);
            }

            fs.Flush(flushToDisk: false);
        }

        if (System.IO.Directory.Exists(final))
        {
            System.IO.Directory.Delete(final); // debris in our file's place; a non-empty one stops us (IOException)
        }

        File.Move(temp, final, overwrite: true);
    }

    /// <summary>Null when there is no file, or when it is unreadable (corrupt or truncated): DEL then falls back to derived names.</summary>
    public AttachmentState? Load(string containerId, string ifName, out string? problem)
    {
        problem = null;
        var path = PathFor(containerId, ifName);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            problem = $"state file {path} is unreadable: {e.Message}";
            return null;
        }

        try
        {
            return Read(bytes);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            problem = $"state file {path} is unreadable: {e.Message}";
            return null;
        }
    }

    public void Delete(string containerId, string ifName)
    {
        var path = PathFor(containerId, ifName);
        try
        {
            if (System.IO.Directory.Exists(path))
            {
                // Something put a directory where our file goes; an empty one is debris we may clear.
                System.IO.Directory.Delete(path);
            }
            else
            {
                File.Delete(path);
            }
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    /// <summary>All attachments with a state file; unreadable files are reported by name so GC can remove them.</summary>
    public IEnumerable<(string File, AttachmentState? State)> List()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            yield break;
        }

        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*" + Suffix))
        {
            AttachmentState? s;
            try
            {
                s = Read(File.ReadAllBytes(file));
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException or IOException)
            {
                s = null;
            }

            yield return (file, s);
        }
    }

    private static void Write(Utf8JsonWriter w, AttachmentState s)
    {
        w.WriteStartObject();
        w.WriteNumber("version", 1);
        w.WriteString("containerId", s.ContainerId);
        w.WriteString("ifName", s.IfName);
        if (s.Netns is not null)
        {
            w.WriteString("netns", s.Netns);
        }

        w.WriteBoolean("primary", s.Primary);
        w.WriteString("hostVeth", s.HostVeth);
        w.WriteNumber("hostTable", s.HostTable);
        if (s.NicTable is { } t)
        {
            w.WriteNumber("nicTable", t);
        }

        WriteArray(w, "podIps", s.PodIps);
        WriteArray(w, "nodeIps", s.NodeIps);
        w.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter w, string name, IReadOnlyList<string> items)
    {
        w.WriteStartArray(name);
        foreach (var i in items)
        {
            w.WriteStringValue(i);
        }

        w.WriteEndArray();
    }

    private static AttachmentState Read(byte[] bytes)
    {
        using var doc = JsonDocument.Parse(bytes);
        var r = doc.RootElement;
        return new AttachmentState
        {
            ContainerId = r.GetProperty("containerId").GetString() ?? throw new FormatException("containerId is null"),
            IfName = r.GetProperty("ifName").GetString() ?? throw new FormatException("ifName is null"),
            Netns = r.TryGetProperty("netns", out var n) ? n.GetString() : null,
            Primary = r.GetProperty("primary").GetBoolean(),
            HostVeth = r.GetProperty("hostVeth").GetString() ?? throw new FormatException("hostVeth is null"),
            HostTable = r.GetProperty("hostTable").GetUInt32(),
            NicTable = r.TryGetProperty("nicTable", out var t) ? t.GetUInt32() : null,
            PodIps = ReadArray(r, "podIps"),
            NodeIps = ReadArray(r, "nodeIps"),
        };
    }

    private static string[] ReadArray(JsonElement r, string name)
    {
        if (!r.TryGetProperty(name, out var a))
        {
            return [];
        }

        var list = new string[a.GetArrayLength()];
        var i = 0;
        foreach (var e in a.EnumerateArray())
        {
            list[i++] = e.GetString() ?? throw new FormatException($"{name} holds a null");
        }

        return list;
    }
}
