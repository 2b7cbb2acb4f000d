using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Smi.ProxyConfig.Sidecar;

namespace SmiProxy.Probes;

/// <summary>
/// Runs the app's own probes for kubelet (the injector moved them to the admin listener, see
/// <see cref="AppProbes"/>): from inside the pod, against the app's address, within the probe's
/// own timeout; the answer keeps the app's semantics — an httpGet answers with the app's status
/// code, tcpSocket and grpc with 200 or 503. The proxy's own traffic is not intercepted, so this
/// reaches the app whatever the access rules say, exactly as kubelet's probe would without a mesh.
/// </summary>
internal sealed class AppProbeRunner : IDisposable
{
    private readonly IReadOnlyDictionary<string, AppProbe> _probes;
    private readonly IPAddress _appAddress;
    private readonly HttpClient _http;
    private readonly HttpClient _h2c;

    public AppProbeRunner(IReadOnlyDictionary<string, AppProbe> probes, IPAddress appAddress)
    {
        _probes = probes;
        _appAddress = appAddress;

        // kubelet neither follows redirects (a 3xx is a success as it is) nor verifies the app's certificate.
        _http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.Zero,
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _h2c = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.Zero })
        {
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    /// <summary>How many probes were moved here.</summary>
    public int Count => _probes.Count;

    /// <summary>Whether <paramref name="path"/> names one of the moved probes.</summary>
    public bool TryGet(string path, out AppProbe probe) => _probes.TryGetValue(path, out probe!);

    /// <summary>Runs the probe; returns the status code for kubelet and a short reason.</summary>
    public async Task<(int Status, string Reason)> RunAsync(AppProbe probe, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, probe.TimeoutSeconds)));
        try
        {
            if (probe.HttpGet is { } get)
            {
                var scheme = get.Scheme.Equals("HTTPS", StringComparison.OrdinalIgnoreCase) ? "https" : "http";
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{scheme}://{Format(_appAddress)}:{get.Port}{(get.Path.StartsWith('/') ? get.Path : "/" + get.Path)}"));
                request.Headers.UserAgent.ParseAdd("kube-probe/1.31");
                if (get.Host is { } host)
                {
                    request.Headers.Host = host;
                }

                foreach (var header in get.Headers)
                {
                    request.Headers.TryAddWithoutValidation(header.Name, header.Value);
                }

                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                return ((int)response.StatusCode, $"app answered {(int)response.StatusCode}");
            }

            if (probe.TcpSocket is { } tcp)
            {
                using var socket = new Socket(_appAddress.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(new IPEndPoint(_appAddress, tcp.Port), timeout.Token).ConfigureAwait(false);
                return (StatusCodes.Status200OK, $"connected to port {tcp.Port}");
            }

            if (probe.Grpc is { } grpc)
            {
                return await GrpcHealthAsync(grpc, timeout.Token).ConfigureAwait(false);
            }

            return (StatusCodes.Status500InternalServerError, "the probe names no kind");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (StatusCodes.Status503ServiceUnavailable, $"the app did not answer within {probe.TimeoutSeconds} s");
        }
        catch (Exception ex) when (ex is HttpRequestException or SocketException or IOException)
        {
            return (StatusCodes.Status503ServiceUnavailable, $"the app cannot be reached: {ex.Message}");
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _h2c.Dispose();
    }

    // grpc.health.v1.Health/Check over h2c, framed by hand: a probe needs no gRPC library.
    private async Task<(int Status, string Reason)> GrpcHealthAsync(GrpcProbe grpc, CancellationToken cancellationToken)
    {
        var service = System.Text.Encoding.UTF8.GetBytes(grpc.Service ?? string.Empty);
        var message = service.Length == 0 ? [] : (byte[])[0x0A, (byte)service.Length, .. service];
        var frame = new byte[5 + message.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)message.Length);
        message.CopyTo(frame, 5);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"http://{Format(_appAddress)}:{grpc.Port}/grpc.health.v1.Health/Check"))
        {
            Content = new ByteArrayContent(frame),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        using var response = await _h2c.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var status = response.TrailingHeaders.TryGetValues("grpc-status", out var values) ? values.FirstOrDefault() : response.Headers.TryGetValues("grpc-status", out var headerValues) ? headerValues.FirstOrDefault() : null;
        if (status is not null && status != "0")
        {
            return (StatusCodes.Status503ServiceUnavailable, $"health check failed with grpc-status {status}");
        }

        // HealthCheckResponse { status = 1 (SERVING) }: field 1, varint.
        var serving = body.Length >= 7 && body[5] == 0x08 && body[6] == 0x01;
        return serving ? (StatusCodes.Status200OK, "SERVING") : (StatusCodes.Status503ServiceUnavailable, "not SERVING");
    }

    private static string Format(IPAddress address) => address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
}
