using System.Text.Json;

namespace SpiderPlugins.Core.Logging;

/// <summary>
/// JSON-lines logger. Never writes to stdout (that is the CNI result channel): stderr by default, or a file
/// rotated by size. Fields common to a call (verb, container, ifname) are set once and stamped on every line.
/// </summary>
public sealed class Logger : IDisposable
{
    private readonly LogLevel _min;
    private readonly Stream _out;
    private readonly bool _ownsStream;
    private readonly List<KeyValuePair<string, string>> _fields = [];
    private readonly ArrayBufferWriterLite _buffer = new();

    private Logger(LogLevel min, Stream output, bool owns)
    {
        _min = min;
        _out = output;
        _ownsStream = owns;
    }

    public static Logger ToStderr(LogLevel min) => new(min, Console.OpenStandardError(), true);

    /// <summary>Opens (appending) a log file, rotating it first when it exceeds maxBytes; keeps maxFiles old copies.</summary>
    public static Logger ToFile(LogLevel min, string path, long maxBytes, int maxFiles)
    {
        var dir = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }

        Rotate(path, maxBytes, maxFiles);
        var fs = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None);
        return new Logger(min, fs, true);
    }

    public static Logger Null { get; } = new(LogLevel.Error + 1, Stream.Null, false);

    public void With(string key, string? value)
    {
        if (value is not null)
        {
            _fields.Add(new(key, value));
        }
    }

    public bool Enabled(LogLevel level) => level >= _min;

    public void Debug(string msg) => Write(LogLevel.Debug, msg);

    public void Info(string msg) => Write(LogLevel.Info, msg);

    public void Warn(string msg) => Write(LogLevel.Warn, msg);

    public void Error(string msg) => Write(LogLevel.Error, msg);

    public void Write(LogLevel level, string msg)
    {
        if (level < _min)
        {
            return;
        }

        _buffer.Clear();
        using (var w = new Utf8JsonWriter(_buffer))
        {
            w.WriteStartObject();
            w.WriteString("ts", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"));
            w.WriteString("level", level.ToString().ToLowerInvariant());
            foreach (var f in _fields)
            {
                w.WriteString(f.Key, f.Value);
            }

            w.WriteString("msg", msg);
            w.WriteEndObject();
        }

        _buffer.Write((byte)'\n');
        try
        {
            // One write per line so concurrent plugin processes appending to one file do not interleave lines.
            _out.Write(_buffer.WrittenSpan);
            _out.Flush();
        }
        catch (IOException)
        {
            // Logging must never fail a CNI call.
        }
    }

    public void Dispose()
    {
        if (_ownsStream)
        {
            _out.Dispose();
        }
    }

    private static void Rotate(string path, long maxBytes, int maxFiles)
    {
        var info = new FileInfo(path);
        if (!info.Exists || maxBytes <= 0 || info.Length < maxBytes)
        {
            return;
        }

        try
        {
            for (var i = maxFiles - 1; i >= 1; i--)
            {
                var older = $"{path}.{i}";
                if (File.Exists(older))
                {
                    File.Move(older, $"{path}.{i + 1}", overwrite: true);
                }
            }

            if (maxFiles >= 1)
            {
                File.Move(path, path + ".1", overwrite: true);
            }
            else
            {
                File.Delete(path);
            }

            var excess = $"{path}.{maxFiles + 1}";
            if (File.Exists(excess))
            {
                File.Delete(excess);
            }
        }
        catch (IOException)
        {
            // Another process rotated at the same moment; appending to whatever is there is fine.
        }
    }

    /// <summary>A tiny growable byte buffer (avoids pulling in System.Buffers' ArrayBufferWriter allocations per line).</summary>
    private sealed class ArrayBufferWriterLite : System.Buffers.IBufferWriter<byte>
    {
        private byte[] _data = new byte[512];
        private int _len;

        public ReadOnlySpan<byte> WrittenSpan => _data.AsSpan(0, _len);

        public void Clear() => _len = 0;

        public void Write(byte b)
        {
            Ensure(1);
            _data[_len++] = b;
        }

        public void Advance(int count) => _len += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Ensure(Math.Max(sizeHint, 256));
            return _data.AsMemory(_len);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Ensure(Math.Max(sizeHint, 256));
            return _data.AsSpan(_len);
        }

        private void Ensure(int n)
        {
            if (_len + n > _data.Length)
            {
                Array.Resize(ref _data, Math.Max(_data.Length * 2, _len + n));
            }
        }
    }
}
