using System.Runtime.InteropServices;

namespace SpiderPlugins.Bench;

/// <summary>
/// The libc calls the spawner needs. posix_spawn + wait4 instead of System.Diagnostics.Process: Process reaps its
/// children itself, so the per-child rusage (peak RSS) would be lost, and its pipe/thread machinery would sit
/// inside the measured interval.
/// </summary>
internal static unsafe partial class Native
{
    public const int MfdCloexec = 1;
    public const int SeekSet = 0, SeekEnd = 2;
    /// <summary>glibc x86_64 sizes are 80 and 336 bytes; allocated generously so other ABIs fit too.</summary>
    public const int FileActionsSize = 256, SpawnAttrSize = 1024;

    [StructLayout(LayoutKind.Sequential)]
    public struct Timeval
    {
        public long Sec;
        public long Usec;
    }

    /// <summary>struct rusage: two timevals then 14 longs, the first of which is ru_maxrss in KiB.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Rusage
    {
        public Timeval Utime;
        public Timeval Stime;
        public long MaxRssKb;
        public fixed long Rest[13];
    }

    [LibraryImport("libc", EntryPoint = "posix_spawn")]
    public static partial int PosixSpawn(out int pid, byte* path, void* fileActions, void* attr, byte** argv, byte** envp);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_init")]
    public static partial int FileActionsInit(void* fa);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_adddup2")]
    public static partial int FileActionsAddDup2(void* fa, int fd, int newFd);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_destroy")]
    public static partial int FileActionsDestroy(void* fa);

    [LibraryImport("libc", EntryPoint = "wait4", SetLastError = true)]
    public static partial int Wait4(int pid, out int status, int options, out Rusage usage);

    [LibraryImport("libc", EntryPoint = "memfd_create", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int MemfdCreate(string name, uint flags);

    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    public static partial int Ftruncate(int fd, long length);

    [LibraryImport("libc", EntryPoint = "lseek", SetLastError = true)]
    public static partial long Lseek(int fd, long offset, int whence);

    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    public static partial nint Pread(int fd, byte* buf, nint count, long offset);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, byte* buf, nint count);

    [LibraryImport("libc", EntryPoint = "close")]
    public static partial int Close(int fd);
}
