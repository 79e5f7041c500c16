using System.Text;

namespace SpiderPlugins.Plugins.Tests.Hostile;

/// <summary>
/// Mutations of stdin's bytes: truncation at every 7th byte, empty and non-object documents, trailing data,
/// deep nesting, bytes that are not UTF-8, and duplicate keys. All are decode failures (code 6): stdin is not one
/// JSON object in UTF-8 with unique keys, so what it "means" would depend on the parser reading it.
/// </summary>
internal static class ByteMutations
{
    public static IEnumerable<Mutation> All(int baseLength) =>
        Truncations(baseLength).Concat(NotAnObject()).Concat(Nesting()).Concat(NotUtf8()).Concat(DuplicateKeys()).Concat(LoneSurrogates());

    /// <summary>Every 7th prefix of the config: a runtime that died while writing, or a pipe cut short.</summary>
    private static IEnumerable<Mutation> Truncations(int baseLength)
    {
        for (var cut = 0; cut < baseLength; cut += 7)
        {
            var at = cut;
            yield return new Mutation($"truncated to {at} bytes", 6, Stage.Decode, "bytes", Combinable: at % 70 == 0)
            {
                Bytes = (b, _) => b[..Math.Min(at, b.Length - 1)],
            };
        }
    }

    private static IEnumerable<Mutation> NotAnObject()
    {
        foreach (var (name, text) in ((string, string)[])
        [
            ("empty stdin", ""), ("whitespace", " \n\t\r "), ("null", "null"), ("an array", "[]"), ("a number", "42"), ("a string", "\"x\""),
            ("true", "true"), ("a NUL byte", "\0"), ("single quotes", "{'cniVersion':'1.0.0'}"), ("a bare word", "cniVersion"),
        ])
        {
            yield return new Mutation($"stdin is {name}", 6, Stage.Decode, "bytes") { Bytes = (_, _) => Encoding.UTF8.GetBytes(text) };
        }

        yield return Wrap("trailing garbage", b => [.. b, .. "x"u8]);
        yield return Wrap("two documents", b => [.. b, .. b]);
        yield return Wrap("an empty object after it", b => [.. b, .. "{}"u8]);
        yield return Wrap("a leading comment", b => [.. "/*c*/"u8, .. b]);
        yield return Wrap("a trailing comment", b => [.. b, .. "//c"u8]);
        yield return Wrap("a trailing comma", b => [.. b[..^1], .. ",}"u8]);
        yield return Insert("NaN", "\"n\":NaN,");
        yield return Insert("Infinity", "\"n\":-Infinity,");
        yield return Insert("a hex number", "\"n\":0x10,");
        yield return Insert("a leading-zero number", "\"n\":012,");
        yield return Insert("a raw newline in a string", "\"n\":\"a\nb\",");
        yield return Insert("a raw tab in a string", "\"n\":\"a\tb\",");
        yield return Insert("a bad escape", "\"n\":\"\\x41\",");
        yield return Insert("a short unicode escape", "\"n\":\"\\u12\",");
        yield return Insert("a missing colon", "\"n\" 1,");
        yield return Insert("an unquoted key", "n:1,");
    }

    /// <summary>Nesting far beyond any config (the parser's depth limit, or a stack overflow in a recursive one).</summary>
    private static IEnumerable<Mutation> Nesting()
    {
        foreach (var depth in (int[])[65, 1000, 100_000])
        {
            yield return Insert($"arrays nested {depth} deep", "\"deep\":" + new string('[', depth) + new string(']', depth) + ",");
            yield return Insert($"objects nested {depth} deep", "\"deep\":" + string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth) + ",");
        }

        yield return Insert("arrays opened 10^5 deep and never closed", "\"deep\":" + new string('[', 100_000));
    }

    private static IEnumerable<Mutation> NotUtf8()
    {
        foreach (var (name, bytes) in ((string, byte[])[])
        [
            ("0xFF", [0xff]), ("a lone continuation byte", [0x80]), ("an overlong '/'", [0xc0, 0xaf]), ("an encoded surrogate", [0xed, 0xa0, 0x80]),
            ("a cut 3-byte sequence", [0xe2, 0x82]), ("a 5-byte sequence", [0xf8, 0x88, 0x80, 0x80, 0x80]), ("a code point above U+10FFFF", [0xf4, 0x90, 0x80, 0x80]),
            ("Latin-1 e-acute", [0xe9]),
        ])
        {
            yield return new Mutation($"{name} in an unknown key's value", 6, Stage.Decode, "bytes")
            {
                Bytes = (b, _) => InsertAfterBrace(b, [.. "\"k\":\""u8, .. bytes, .. "\","u8]),
            };
            yield return new Mutation($"{name} in a key", 6, Stage.Decode, "bytes")
            {
                Bytes = (b, _) => InsertAfterBrace(b, [.. "\"k"u8, .. bytes, .. "\":1,"u8]),
            };
        }

        yield return new Mutation("0xFF in the network name", 6, Stage.Decode, "bytes", Combinable: false)
        {
            Bytes = (b, _) => Replace(b, "\"name\":\"underlay\""u8.ToArray(), [.. "\"name\":\"under"u8, 0xff, .. "lay\""u8]),
        };
        yield return new Mutation("0xFF in state_dir", 6, Stage.Decode, "bytes", Combinable: false)
        {
            Bytes = (b, c) => Replace(b, Encoding.UTF8.GetBytes(c.Sandbox.StateDir + "\""), [.. Encoding.UTF8.GetBytes(c.Sandbox.StateDir), 0xff, (byte)'"']),
        };
        yield return new Mutation("0xFF before the document", 6, Stage.Decode, "bytes") { Bytes = (b, _) => [0xff, .. b] };
        yield return new Mutation("UTF-16 with a byte order mark", 6, Stage.Decode, "bytes")
        {
            Bytes = (b, _) => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(b))],
        };
    }

    /// <summary>A key given twice would mean one thing to us and maybe the other to the runtime (Go keeps the last).</summary>
    private static IEnumerable<Mutation> DuplicateKeys()
    {
        yield return Insert("name twice", "\"name\":\"other\",");
        yield return Insert("cniVersion twice", "\"cniVersion\":\"0.4.0\",");
        yield return Insert("state_dir twice", "\"state_dir\":\"/tmp/spider-dup-state\",");
        yield return Insert("a key twice by escaping", "\"n\\u0061me\":\"underlay\",");
        yield return Insert("an unknown key twice", "\"x\":1,\"x\":2,");
        foreach (var (name, anchor, insert) in ((string, string, string)[])
        [
            ("prevResult.ips twice", "\"prevResult\":{", "\"ips\":[],"),
            ("prevResult.interfaces[0].name twice", "\"interfaces\":[{", "\"name\":\"net1\","),
            ("log_options.log_file twice", "\"log_options\":{", "\"log_file\":\"/tmp/spider-dup.log\","),
        ])
        {
            yield return new Mutation(name, 6, Stage.Decode, "bytes", Combinable: false)
            {
                Bytes = (b, _) => Replace(b, Encoding.UTF8.GetBytes(anchor), Encoding.UTF8.GetBytes(anchor + insert)),
            };
        }
    }

    /// <summary>
    /// JSON escapes of lone surrogates: valid syntax, but no Unicode text. Like raw invalid UTF-8 they are decode
    /// failures (6), found once for the whole document rather than as a crash in whichever field reads them.
    /// </summary>
    private static IEnumerable<Mutation> LoneSurrogates()
    {
        yield return new Mutation("a lone surrogate in the network name", 6, Stage.Decode, "name", Combinable: false)
        {
            Bytes = (b, _) => Replace(b, "\"name\":\"underlay\""u8.ToArray(), "\"name\":\"under\\ud800lay\""u8.ToArray()),
        };
        yield return new Mutation("a lone surrogate in a cluster CIDR", 6, Stage.Decode, "cluster_cidr", Combinable: false)
        {
            Bytes = (b, _) => Replace(b, "\"cluster_cidr\":["u8.ToArray(), "\"cluster_cidr\":[\"10.0.0.0/8\\udc00\","u8.ToArray()),
        };
        yield return new Mutation("a lone surrogate in hardware_prefix", 6, Stage.Decode, "hardware_prefix", Combinable: false)
        {
            Bytes = (b, _) => InsertAfterBrace(b, "\"hardware_prefix\":\"0a:\\ud800\","u8.ToArray()),
        };
    }

    private static Mutation Wrap(string name, Func<byte[], byte[]> f) => new(name, 6, Stage.Decode, "bytes") { Bytes = (b, _) => f(b) };

    private static Mutation Insert(string name, string text) =>
        new(name, 6, Stage.Decode, "bytes") { Bytes = (b, _) => InsertAfterBrace(b, Encoding.UTF8.GetBytes(text)) };

    private static byte[] InsertAfterBrace(byte[] b, byte[] insert)
    {
        var i = Array.IndexOf(b, (byte)'{');
        Assert.True(i >= 0, "the document has no '{' to insert after");
        return [.. b[..(i + 1)], .. insert, .. b[(i + 1)..]];
    }

    private static byte[] Replace(byte[] b, byte[] anchor, byte[] with)
    {
        var i = b.AsSpan().IndexOf(anchor);
        Assert.True(i >= 0, $"anchor {Encoding.UTF8.GetString(anchor)} not found in the base config");
        return [.. b[..i], .. with, .. b[(i + anchor.Length)..]];
    }
}
