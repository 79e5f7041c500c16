using System.Runtime.ExceptionServices;

namespace SpiderPlugins.Netlink;

/// <summary>
/// One thread parked inside a network namespace for the length of a CNI call, running work handed to it
/// synchronously. Where <see cref="Netns.Run{T}"/> pays a thread start per call, a verb that needs the pod's
/// namespace several times (socket, sysctls, raw ARP/NDP sockets) pays it once. The thread never leaves the
/// namespace and dies on Dispose; never await inside the work.
/// </summary>
public sealed class NetnsThread : IDisposable
{
    private readonly Thread _thread;
    // Hand-offs block without spinning: on a 2-CPU node a spinning waiter steals the CPU the other side needs.
    private readonly ManualResetEventSlim _go = new(false, 0);
    private readonly ManualResetEventSlim _done = new(false, 0);
    private Func<object?>? _work;
    private object? _result;
    private ExceptionDispatchInfo? _error;
    private bool _disposed;

    private NetnsThread(NetnsHandle ns)
    {
        var fd = ns.Fd;
        var inode = ns.Inode;
        _thread = new Thread(() => Loop(fd, inode)) { IsBackground = true, Name = "netns-worker" };
        _thread.Start();
        _done.Wait(); // entered (or failed to)
        _done.Reset();
        if (_error is { } e)
        {
            _thread.Join();
            e.Throw();
        }
    }

    /// <summary>Starts the thread and enters <paramref name="ns"/>; the handle must outlive the thread.</summary>
    public static NetnsThread Start(NetnsHandle ns) => new(ns);

    public T Run<T>(Func<T> work)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _work = () => work();
        _error = null;
        _go.Set();
        _done.Wait();
        _done.Reset();
        if (_error is { } e)
        {
            _error = null;
            e.Throw();
        }

        return (T)_result!;
    }

    public void Run(Action work) => Run<object?>(() =>
    {
        work();
        return null;
    });

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _work = null;
        _go.Set();
        _thread.Join();
        _go.Dispose();
        _done.Dispose();
    }

    private void Loop(int fd, ulong inode)
    {
        try
        {
            Netns.Enter(fd, inode);
        }
        catch (Exception e)
        {
            _error = ExceptionDispatchInfo.Capture(e);
            _done.Set();
            return;
        }

        _done.Set();
        while (true)
        {
            _go.Wait();
            _go.Reset();
            var work = _work;
            if (work is null)
            {
                return;
            }

            try
            {
                _result = work();
            }
            catch (Exception e)
            {
                _error = ExceptionDispatchInfo.Capture(e);
            }

            _done.Set();
        }
    }
}
