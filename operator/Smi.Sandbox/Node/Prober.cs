using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using k8s.Models;

namespace Smi.Sandbox.Node;

/// <summary>
/// Runs a container's probe the way kubelet does: from the node (here: a socket created in the node
/// namespace) to the pod IP, httpGet succeeding on 200–399, tcpSocket on a completed connect, exec on
/// exit code 0 (run inside the pod's namespace), grpc on SERVING from <c>grpc.health.v1.Health/Check</c>
/// over h2c; <c>timeoutSeconds</c> bounds each attempt, <c>successThreshold</c> /
/// <c>failureThreshold</c> consecutive results flip the state.
/// </summary>
internal sealed class Prober : IDisposable
{
    private readonly string _nodeNetns;
    private readonly HttpClient _http;

    public Prober(string nodeNetns)
    {
        _nodeNetns = nodeNetns;
        _http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.Zero,
            ConnectCallback = ConnectFromNodeAsync,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("kube-probe/1.31");
    }

    /// <summary>One attempt of <paramref name="probe"/> against the pod; true on success.</summary>
    public async Task<bool> ProbeOnceAsync(V1Probe probe, V1Container container, PodNetwork pod, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, probe.TimeoutSeconds ?? 1)));
        try
        {
            if (probe.HttpGet is { } get)
            {
                var scheme = string.Equals(get.Scheme, "HTTPS", StringComparison.OrdinalIgnoreCase) ? "https" : "http";
                var host = get.Host is { Length: > 0 } h ? h : pod.Ipv4.ToString();
                var port = PortOf(get.Port, container);
                var path = get.Path is { Length: > 0 } p ? (p.StartsWith('/') ? p : "/" + p) : "/";
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(string.Create(CultureInfo.InvariantCulture, $"{scheme}://{host}:{port}{path}")));
                foreach (var header in get.HttpHeaders ?? [])
                {
                    request.Headers.TryAddWithoutValidation(header.Name, header.Value);
                }

                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                return (int)response.StatusCode is >= 200 and < 400;
            }

            if (probe.TcpSocket is { } tcp)
            {
                using var socket = Netns.CreateSocket(_nodeNetns, AddressFamily.InterNetwork);
                await socket.ConnectAsync(new IPEndPoint(tcp.Host is { Length: > 0 } th ? IPAddress.Parse(th) : pod.Ipv4, PortOf(tcp.Port, container)), timeout.Token).ConfigureAwait(false);
                return true;
            }

            if (probe.Exec?.Command is { Count: > 0 } command)
            {
                return await ExecSucceedsAsync(pod.Netns, command, timeout.Token).ConfigureAwait(false);
            }

            if (probe.Grpc is { } grpc)
            {
                // Meshed pods have gRPC probes rewritten to the proxy's admin port (an httpGet); an unmeshed pod is asked directly, over h2c, as kubelet does.
                using var channel = GrpcChannel.ForAddress(string.Create(CultureInfo.InvariantCulture, $"http://{pod.Ipv4}:{grpc.Port}"), new GrpcChannelOptions { HttpClient = _http });
                var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest { Service = grpc.Service ?? string.Empty }, cancellationToken: timeout.Token).ConfigureAwait(false);
                return health.Status == HealthCheckResponse.Types.ServingStatus.Serving;
            }

            return false;
        }
        catch (Exception ex) when (ex is HttpRequestException or SocketException or OperationCanceledException or IOException or NodeException or RpcException)
        {
            return false;
        }
    }

    public void Dispose() => _http.Dispose();

    private static async Task<bool> ExecSucceedsAsync(string netns, IList<string> command, CancellationToken cancellationToken)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("ip", ["netns", "exec", netns, .. command]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return process.ExitCode == 0;
    }

    private static int PortOf(IntOrString port, V1Container container)
    {
        var text = port.Value;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        return container.Ports?.FirstOrDefault(p => p.Name == text)?.ContainerPort
            ?? throw new NodeException($"probe of container {container.Name}: no container port named {text}");
    }

    private async ValueTask<Stream> ConnectFromNodeAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = await Netns.ConnectAsync(_nodeNetns, new IPEndPoint(IPAddress.Parse(context.DnsEndPoint.Host), context.DnsEndPoint.Port), cancellationToken).ConfigureAwait(false);
        return new NetworkStream(socket, ownsSocket: true);
    }
}
