using System.Runtime.InteropServices;

namespace SpiderPlugins.Core.Neighbors.Interop;

/// <summary>close(2), used only by <see cref="PacketSocketHandle"/>.</summary>
internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);
}
