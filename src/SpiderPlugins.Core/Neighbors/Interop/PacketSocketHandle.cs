using System.Runtime.InteropServices;

namespace SpiderPlugins.Core.Neighbors.Interop;

/// <summary>Owns one socket fd; -1 is the only invalid value (0 is a legal fd).</summary>
internal sealed class PacketSocketHandle : SafeHandle
{
    public PacketSocketHandle() : base(-1, ownsHandle: true) { }

    public override bool IsInvalid => handle == -1;

    internal int Fd => (int)handle;

    protected override bool ReleaseHandle() => Libc.Close((int)handle) == 0;
}
