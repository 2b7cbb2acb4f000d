using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using SmiProxy.Configuration;
using SmiProxy.Identity;

namespace SmiProxy.Tls;

/// <summary>
/// SocketsHttpHandler's connect callback. Every destination is an <c>http://</c> URI; for a meshed
/// endpoint this callback itself runs the mTLS handshake — presenting the current proxy certificate
/// and requiring the server to chain to the mesh roots and assert exactly the endpoint's SPIFFE ID —
/// so one connection pool per endpoint serves both plaintext and mTLS peers, and the connect
/// timeout covers TCP and TLS together.
/// </summary>
internal sealed class MeshConnector
{
    private static readonly TimeSpan FallbackConnectTimeout = TimeSpan.FromSeconds(2);

    private readonly ProxyState _state;

    public MeshConnector(ProxyState state) => _state = state;

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        context.InitialRequestMessage.Options.TryGetValue(MeshConnectionInfo.Key, out var info);
        var timeout = info?.ConnectTimeout ?? DefaultTimeout();
        var endPoint = context.DnsEndPoint;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(timeout);

        var socket = IPAddress.TryParse(endPoint.Host, out var address)
            ? new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
            : new Socket(SocketType.Stream, ProtocolType.Tcp);
        socket.NoDelay = true;
        try
        {
            if (address is not null)
            {
                await socket.ConnectAsync(new IPEndPoint(address, endPoint.Port), budget.Token).ConfigureAwait(false);
            }
            else
            {
                await socket.ConnectAsync(endPoint, budget.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new MeshConnectException($"connect to {endPoint.Host}:{endPoint.Port} timed out after {timeout.TotalMilliseconds:0} ms");
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new MeshConnectException($"connect to {endPoint.Host}:{endPoint.Port} failed: {ex.Message}", ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var network = new NetworkStream(socket, ownsSocket: true);
        if (info?.ExpectedSpiffeId is not { } expected)
        {
            return network;
        }

        var ssl = new SslStream(network, leaveInnerStreamOpen: false);
        try
        {
            var options = ClientOptions(endPoint.Host, expected, info.TrustDomain);
            if (context.InitialRequestMessage.Version == HttpVersion.Version20)
            {
                // An HTTP/2 request (gRPC, h2c from the app) opens an HTTP/2 connection to the peer proxy.
                options.ApplicationProtocols = [SslApplicationProtocol.Http2];
            }

            await ssl.AuthenticateAsClientAsync(options, budget.Token).ConfigureAwait(false);
            return ssl;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw new MeshConnectException($"mTLS handshake with {endPoint.Host}:{endPoint.Port} timed out after {timeout.TotalMilliseconds:0} ms");
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or MeshConnectException)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw new MeshConnectException($"mTLS handshake with {endPoint.Host}:{endPoint.Port} (expected {expected}) failed: {ex.Message}", ex);
        }
    }

    /// <summary>The ALPN protocol of an opaque TCP tunnel between proxies; the first two bytes after the handshake name the app port.</summary>
    public static readonly SslApplicationProtocol TunnelProtocol = new("smi-tcp/1");

    /// <summary>
    /// A connection for opaque TCP to <paramref name="endpoint"/>: for a meshed endpoint
    /// (<paramref name="expectedSpiffeId"/> set) an mTLS tunnel to its proxy's inbound listener that
    /// asks for <paramref name="appPort"/>; otherwise a plain connection straight to it.
    /// </summary>
    public async Task<Stream> ConnectTcpAsync(IPEndPoint endpoint, string? expectedSpiffeId, int appPort, CancellationToken cancellationToken)
    {
        var trustDomain = _state.Active?.TrustDomain ?? "cluster.local";
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timeout = DefaultTimeout();
        budget.CancelAfter(timeout);
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, budget.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new MeshConnectException(ex is SocketException ? $"connect to {endpoint} failed: {ex.Message}" : $"connect to {endpoint} timed out after {timeout.TotalMilliseconds:0} ms", ex);
        }

        var network = new NetworkStream(socket, ownsSocket: true);
        if (expectedSpiffeId is null)
        {
            return network;
        }

        var ssl = new SslStream(network, leaveInnerStreamOpen: false);
        try
        {
            var options = ClientOptions(endpoint.Address.ToString(), expectedSpiffeId, trustDomain);
            options.ApplicationProtocols = [TunnelProtocol];
            await ssl.AuthenticateAsClientAsync(options, budget.Token).ConfigureAwait(false);
            if (ssl.NegotiatedApplicationProtocol != TunnelProtocol)
            {
                throw new MeshConnectException($"the proxy at {endpoint} does not carry opaque TCP (it negotiated \"{ssl.NegotiatedApplicationProtocol}\")");
            }

            var preamble = new byte[] { (byte)(appPort >> 8), (byte)appPort };
            await ssl.WriteAsync(preamble, budget.Token).ConfigureAwait(false);
            await ssl.FlushAsync(budget.Token).ConfigureAwait(false);
            return ssl;
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw new MeshConnectException($"mTLS tunnel to {endpoint} (expected {expectedSpiffeId}) failed: {ex.Message}", ex);
        }
    }

    private SslClientAuthenticationOptions ClientOptions(string host, string expectedSpiffeId, string trustDomain)
    {
        var bundle = _state.Certificate ?? throw new MeshConnectException("no proxy certificate is loaded, so meshed endpoints cannot be reached");
        var roots = MeshTrust.Roots(bundle, _state.Active?.ExtraTrustAnchors);
        return new SslClientAuthenticationOptions
        {
            TargetHost = host,
            ClientCertificateContext = bundle.Context,
            CertificateChainPolicy = MeshTrust.CreatePolicy(roots, MeshTrust.ServerAuthOid),
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                MeshTrust.TryVerifyPeer(certificate, errors, trustDomain, out _, out var spiffeId)
                && string.Equals(spiffeId, expectedSpiffeId, StringComparison.Ordinal),
            ApplicationProtocols = [SslApplicationProtocol.Http11],
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
            AllowTlsResume = false,
        };
    }

    private TimeSpan DefaultTimeout() =>
        _state.Active?.Document.Defaults.ConnectTimeoutMs is { } ms ? TimeSpan.FromMilliseconds(ms) : FallbackConnectTimeout;
}
