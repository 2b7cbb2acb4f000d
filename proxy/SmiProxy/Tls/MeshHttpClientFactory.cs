using System.Diagnostics;
using System.Net;
using SmiProxy.Settings;
using Yarp.ReverseProxy.Forwarder;

namespace SmiProxy.Tls;

/// <summary>
/// YARP's client factory, replaced so that every cluster shares one <see cref="HttpMessageInvoker"/>:
/// connection pools are per endpoint, not per cluster, so a reload that adds, removes or changes
/// clusters never drops a warm connection, and pods behind several Services share connections.
/// The handler follows YARP's recommended settings; the connect callback does the mTLS.
/// </summary>
internal sealed class MeshHttpClientFactory : IForwarderHttpClientFactory, IDisposable
{
    private readonly HttpMessageInvoker _invoker;

    public MeshHttpClientFactory(MeshConnector connector, SidecarProxyOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            EnableMultipleHttp2Connections = true,

            // Without tracing there is no span to propagate: skip the diagnostics handler entirely
            // (an incoming traceparent is still copied through as an ordinary header).
            ActivityHeadersPropagator = options.OtlpEndpoint is null ? null : new ReverseProxyPropagator(DistributedContextPropagator.Current),

            // The connect callback enforces each route's connect timeout (TCP + TLS).
            ConnectTimeout = Timeout.InfiniteTimeSpan,
            ConnectCallback = connector.ConnectAsync,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),

            // Bounds how long a connection outlives a certificate or trust-bundle rotation (TLS
            // checks certificates only at the handshake) and lets load spread to new endpoints.
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        };
        _invoker = new HttpMessageInvoker(handler, disposeHandler: true);
    }

    public HttpMessageInvoker CreateClient(ForwarderHttpClientContext context) => _invoker;

    public void Dispose() => _invoker.Dispose();
}
