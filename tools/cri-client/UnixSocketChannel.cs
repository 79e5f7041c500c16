using System.Net.Sockets;
using Grpc.Net.Client;

namespace SpiderPlugins.Tools.CriClient;

/// <summary>A gRPC channel whose HTTP/2 connections go to a unix domain socket (the CRI endpoint).</summary>
internal static class UnixSocketChannel
{
    public static GrpcChannel Open(string socketPath)
    {
        // gRPC resolves relative unix paths against nothing useful; make the caller's intent explicit.
        var endPoint = new UnixDomainSocketEndPoint(Path.GetFullPath(socketPath));
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        // The authority is never resolved: every connection is made by ConnectCallback.
        return GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }
}
