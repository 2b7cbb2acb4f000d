namespace Smi.ProxyConfig.Sidecar;

/// <summary>
/// One of the app's own probes, as the injector moved it to the proxy: kubelet now asks the proxy's
/// admin listener at <see cref="AppProbes.PathFor"/>, and the proxy runs this against the app
/// locally and answers with the app's result. Exactly one of the three kinds is set.
/// </summary>
public sealed record AppProbe
{
    /// <summary>An HTTP GET: the proxy answers with the app's status code (or 503 when it cannot connect).</summary>
    public HttpGetProbe? HttpGet { get; init; }

    /// <summary>A TCP connect: 200 when it completes, 503 otherwise.</summary>
    public TcpProbe? TcpSocket { get; init; }

    /// <summary>A gRPC health check (grpc.health.v1.Health/Check over h2c): 200 when SERVING.</summary>
    public GrpcProbe? Grpc { get; init; }

    /// <summary>The probe's own <c>timeoutSeconds</c> (default 1), which bounds the proxy's attempt too.</summary>
    public int TimeoutSeconds { get; init; } = 1;
}
