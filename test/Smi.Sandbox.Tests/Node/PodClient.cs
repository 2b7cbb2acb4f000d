using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using Grpc.Net.Client;
using Smi.Sandbox.Node;

namespace Smi.Sandbox.Tests.Node;

/// <summary>
/// Clients, in the test process, whose connections start inside one pod's network namespace: each
/// socket is created there (<see cref="Netns.ConnectAsync"/>), so it leaves with the pod's source
/// address and meets the pod's routes and iptables rules — a meshed pod's outbound interception
/// included — exactly as a process in the pod would. Host names are resolved as the pod's
/// /etc/hosts would resolve them (Service names, from sandbox.json), since the test process does
/// not see that file. HTTP/1.1 and h2c (prior knowledge, for <c>http://</c> gRPC addresses) both work.
/// </summary>
internal sealed class PodClient : IDisposable
{
    private readonly string _netns;
    private readonly Func<string, IPAddress> _resolve;
    private readonly SocketsHttpHandler _handler;
    private readonly HttpMessageInvoker _invoker;

    /// <param name="netns">The pod's network namespace.</param>
    /// <param name="resolve">Host name (or address literal) to address, as seen from the pod.</param>
    public PodClient(string netns, Func<string, IPAddress> resolve)
    {
        _netns = netns;
        _resolve = resolve;
        _handler = CreateHandler();
        _invoker = new HttpMessageInvoker(_handler, disposeHandler: false);
    }

    /// <summary>A TCP connection from the pod to <paramref name="endpoint"/>.</summary>
    public Task<Socket> ConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken = default) =>
        Netns.ConnectAsync(_netns, endpoint, cancellationToken);

    /// <summary>A TCP connection from the pod to <paramref name="host"/> (a Service name or an address) and <paramref name="port"/>.</summary>
    public Task<Socket> ConnectAsync(string host, int port, CancellationToken cancellationToken = default) =>
        ConnectAsync(new IPEndPoint(_resolve(host), port), cancellationToken);

    /// <summary>A new handler whose every connection starts in the pod; the caller owns it (an <see cref="HttpClient"/>, a <see cref="GrpcChannel"/>...).</summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        ConnectCallback = async (context, cancellationToken) =>
            new NetworkStream(await ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false), ownsSocket: true),
    };

    /// <summary>An HTTP client from the pod (HTTP/1.1 unless a request asks for 2.0 exactly, which is then h2c).</summary>
    public HttpClient Http(TimeSpan? timeout = null) => new(CreateHandler()) { Timeout = timeout ?? TimeSpan.FromSeconds(10) };

    /// <summary>A gRPC channel from the pod to <paramref name="address"/>, e.g. <c>http://web.demo:9090</c> (h2c); it owns its connections, one HTTP/2 connection per channel.</summary>
    public GrpcChannel Grpc(string address) => GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = CreateHandler() });

    /// <summary>A WebSocket from the pod to <paramref name="uri"/> (<c>ws://web.demo/ws</c>), connected.</summary>
    public async Task<ClientWebSocket> ConnectWebSocketAsync(Uri uri, CancellationToken cancellationToken = default)
    {
        var socket = new ClientWebSocket();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            await socket.ConnectAsync(uri, _invoker, timeout.Token).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _invoker.Dispose();
        _handler.Dispose();
    }
}
