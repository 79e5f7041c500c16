using System.Runtime.InteropServices;
using System.Text;

namespace SpiderPlugins.Bench;

/// <summary>
/// An anonymous in-memory file used as a child's stdin/stdout/stderr. Unlike a pipe it never fills up, so the
/// child cannot block on output we only read after wait4, and no reader thread runs during the measurement.
/// </summary>
internal sealed unsafe class MemFd : SafeHandle
{
    public MemFd(string name)
        : base(-1, true)
    {
        var fd = Native.MemfdCreate(name, Native.MfdCloexec);
        if (fd < 0)
        {
            throw new IOException($"memfd_create failed: errno {Marshal.GetLastPInvokeError()}");
        }

        SetHandle(fd);
    }

    public override bool IsInvalid => handle == -1;

    public int Fd => (int)handle;

    /// <summary>Replaces the content and rewinds, ready to be a child's stdin.</summary>
    public void Reset(string content = "")
    {
        // The child shares this file's offset and leaves it at the end: rewind before writing.
        Check(Native.Ftruncate(Fd, 0), "ftruncate");
        Check(Native.Lseek(Fd, 0, Native.SeekSet), "lseek");
        var bytes = Encoding.UTF8.GetBytes(content);
        fixed (byte* p = bytes)
        {
            nint done = 0;
            while (done < bytes.Length)
            {
                var n = Native.Write(Fd, p + done, bytes.Length - done);
                Check((long)n, "write");
                done += n;
            }
        }

        Check(Native.Lseek(Fd, 0, Native.SeekSet), "lseek");
    }

    public string ReadAll()
    {
        var size = Native.Lseek(Fd, 0, Native.SeekEnd);
        Check(size, "lseek");
        var buf = new byte[size];
        fixed (byte* p = buf)
        {
            long done = 0;
            while (done < size)
            {
                var n = Native.Pread(Fd, p + done, (nint)(size - done), done);
                Check((long)n, "pread");
                if (n == 0)
                {
                    break;
                }

                done += n;
            }
        }

        return Encoding.UTF8.GetString(buf);
    }

    protected override bool ReleaseHandle() => Native.Close((int)handle) == 0;

    private static void Check(long rc, string what)
    {
        if (rc < 0)
        {
            throw new IOException($"{what} failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }
}
