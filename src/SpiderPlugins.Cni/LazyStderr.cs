using System.Text;

namespace SpiderPlugins.Cni;

/// <summary>
/// stderr opened on first write. A successful call usually writes nothing there, and Console.Error's set-up (console
/// encoding, a synchronised writer) is a measurable share of a process that lives a few milliseconds.
/// </summary>
internal sealed class LazyStderr : TextWriter
{
    private StreamWriter? _writer;

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => Writer.Write(value);

    public override void Write(string? value) => Writer.Write(value);

    public override void WriteLine(string? value) => Writer.WriteLine(value);

    public override void Flush() => _writer?.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _writer?.Dispose();
        }

        base.Dispose(disposing);
    }

    private StreamWriter Writer => _writer ??= new StreamWriter(Console.OpenStandardError(), new UTF8Encoding(false)) { AutoFlush = true };
}
