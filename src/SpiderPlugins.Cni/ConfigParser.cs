using System.Text.Json;
using SpiderPlugins.Cni.Json;
using SpiderPlugins.Cni.Results;
using static SpiderPlugins.Cni.Json.JsonFields;

namespace SpiderPlugins.Cni;

/// <summary>
/// Reads the keys every plugin config shares from stdin and applies the version rules of Go's skel.
/// Everything else (plugin keys, runtimeConfig, args, deviceID, other cni.dev/ keys) stays in Raw, unvalidated here.
/// </summary>
public static class ConfigParser
{
    /// <summary>Versions from which a verb exists: CHECK came with 0.4.0, GC and STATUS with 1.1.0.</summary>
    public static string? MinimumVersion(CniCommand command) => command switch
    {
        CniCommand.Check => "0.4.0",
        CniCommand.Gc or CniCommand.Status => "1.1.0",
        _ => null,
    };

    public static NetworkConfig Parse(ReadOnlyMemory<byte> stdin, CniCommand command)
    {
        var root = ParseObject(stdin);
        var version = ReadVersion(root);
        if (MinimumVersion(command) is { } minimum && !SupportedVersions.AtLeast(version, minimum))
        {
            throw new CniException(
                CniErrorCode.IncompatibleVersion,
                $"config version \"{version}\" does not allow {command.Name()} (needs {minimum} or later)");
        }

        var name = OptString(root, "name", "");
        if (string.IsNullOrEmpty(name))
        {
            throw MissingField("name");
        }

        if (!CniNames.IsValidIdentifier(name))
        {
            throw Invalid("name", name, "must match ^[a-zA-Z0-9][a-zA-Z0-9_.\\-]*$");
        }

        return new NetworkConfig
        {
            CniVersion = version,
            Name = name,
            Type = OptString(root, "type", ""),
            Raw = root,
            PrevResult = Get(root, "prevResult") is { } prev ? ResultReader.Parse(prev, version, "prevResult") : null,
            ValidAttachments = command == CniCommand.Gc ? ReadAttachments(root) : null,
        };
    }

    /// <summary>The config's cniVersion when stdin is a config naming a supported one; used to label early errors.</summary>
    public static string? PeekVersion(ReadOnlyMemory<byte> stdin)
    {
        try
        {
            using var doc = JsonDocument.Parse(stdin, JsonOutput.DocumentOptions);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("cniVersion", out var v)
                && v.ValueKind == JsonValueKind.String
                && SupportedVersions.IsSupported(v.GetString()!)
                ? v.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The root object, detached from the parse buffer so it outlives this call.</summary>
    private static JsonElement ParseObject(ReadOnlyMemory<byte> stdin)
    {
        if (stdin.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            throw new CniException(CniErrorCode.DecodeFailure, "error decoding network config: stdin is empty");
        }

        if (!System.Text.Unicode.Utf8.IsValid(stdin.Span))
        {
            throw new CniException(CniErrorCode.DecodeFailure, "error decoding network config: stdin is not valid UTF-8");
        }

        try
        {
            using var doc = JsonDocument.Parse(stdin, JsonOutput.DocumentOptions);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new CniException(
                    CniErrorCode.DecodeFailure,
                    $"error decoding network config: expected a JSON object, got {doc.RootElement.ValueKind}");
            }

            RejectUndecodableStrings(doc.RootElement);
            return doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new CniException(CniErrorCode.DecodeFailure, $"error decoding network config: {e.Message}");
        }
    }

    /// <summary>
    /// Escapes such as "\ud800" (a lone surrogate) parse as JSON but cannot become a string; finding them here
    /// makes them a decode error (6) instead of a crash wherever a plugin first reads that field.
    /// </summary>
    private static void RejectUndecodableStrings(JsonElement e)
    {
        try
        {
            Walk(e);
        }
        catch (InvalidOperationException ex)
        {
            throw new CniException(CniErrorCode.DecodeFailure, $"error decoding network config: {ex.Message}");
        }

        static void Walk(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject())
                    {
                        _ = p.Name;
                        Walk(p.Value);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in e.EnumerateArray())
                    {
                        Walk(item);
                    }

                    break;
                case JsonValueKind.String:
                    _ = e.GetString();
                    break;
            }
        }
    }

    private static string ReadVersion(JsonElement root)
    {
        if (Get(root, "cniVersion") is not { } v)
        {
            throw MissingField("cniVersion");
        }

        if (v.ValueKind != JsonValueKind.String)
        {
            throw Invalid("cniVersion", v, "expected a string");
        }

        var version = v.GetString()!;
        if (!SupportedVersions.IsSupported(version))
        {
            throw new CniException(
                CniErrorCode.IncompatibleVersion,
                $"incompatible CNI versions; config is \"{version}\", plugin supports {SupportedVersions.Quoted()}",
                "supported versions: " + SupportedVersions.Quoted());
        }

        return version;
    }

    /// <summary>
    /// libcni sends both keys with the same content (cni#1103); the spec's current name wins when both are present.
    /// Neither present (cnitool gc) is null: "the valid set is unknown", which callers must not read as "none valid".
    /// </summary>
    private static List<CniAttachment>? ReadAttachments(JsonElement root)
    {
        foreach (var key in new[] { "cni.dev/valid-attachments", "cni.dev/attachments" })
        {
            if (OptArray(root, key, "") is not { } array)
            {
                continue;
            }

            var list = new List<CniAttachment>();
            var i = 0;
            foreach (var item in array.EnumerateArray())
            {
                var at = JsonFields.Path(key, i++);
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw Invalid(at, item, "expected an object with containerID and ifname");
                }

                list.Add(new CniAttachment(ReqString(item, "containerID", at), ReqString(item, "ifname", at)));
            }

            return list;
        }

        return null;
    }
}
