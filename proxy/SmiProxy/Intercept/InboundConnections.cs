using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using SmiProxy.Configuration;
using SmiProxy.Connections;
using SmiProxy.Identity;
using SmiProxy.Settings;
using SmiProxy.Tls;

namespace SmiProxy.Intercept;

/// <summary>
/// Every connection to the inbound listener, before any HTTP:
/// <list type="bullet">
/// <item>Redirected by iptables from an app port (a client without a proxy of its own): HTTP goes to
/// the HTTP path as a plaintext caller (denied unless permissive); TLS or opaque bytes reach the app
/// only in permissive mode, and are refused, counted and logged otherwise.</item>
/// <item>Straight to the listener: a TLS handshake record goes through mTLS (Kestrel's HTTPS
/// middleware, options per connection from the current certificate and config); anything else is
/// plaintext HTTP (permissive mode, health checks).</item>
/// <item>After mTLS, ALPN <c>smi-tcp/1</c> is a peer proxy's opaque TCP tunnel: two bytes name the
/// app port, the connection is authorized once by the TrafficTarget L4 rules (the peer's identity
/// and the port) and spliced to the app; HTTP inside a tunnel (an app that called a pod IP) goes to
/// the HTTP path, which authorizes each request.</item>
/// </list>
/// </summary>
internal sealed class InboundConnections
{
    private const byte TlsHandshakeRecord = 0x16;
    private static readonly TimeSpan FirstByteTimeout = TimeSpan.FromSeconds(10);

    private readonly ProxyState _state;
    private readonly TcpForwarder _forwarder;
    private readonly SidecarProxyOptions _options;

    public InboundConnections(ProxyState state, TcpForwarder forwarder, SidecarProxyOptions options)
    {
        _state = state;
        _forwarder = forwarder;
        _options = options;
    }

    public static void Configure(ListenOptions listen, ProxyState state)
    {
        var plaintext = new Branch();
        listen.Use(next => connection => listen.ApplicationServices.GetRequiredService<InboundConnections>().DispatchAsync(connection, next, plaintext));
        listen.UseHttps(new TlsHandshakeCallbackOptions
        {
            OnConnection = _ => ValueTask.FromResult(InboundTls.ServerOptions(state)),
            HandshakeTimeout = TimeSpan.FromSeconds(10),
        });

        // Added after UseHttps, so it is built first and receives the HTTP handler that follows TLS;
        // plaintext connections jump straight to it, TLS ones pass the tunnel check first.
        listen.Use(next =>
        {
            plaintext.Next = next;
            return connection => listen.ApplicationServices.GetRequiredService<InboundConnections>().AfterTlsAsync(connection, next);
        });
    }

    private async Task DispatchAsync(ConnectionContext connection, ConnectionDelegate tls, Branch plaintext)
    {
        connection.Features.Set(ListenerFeature.Inbound);
        var socket = connection.Features.Get<IConnectionSocketFeature>()?.Socket;
        if (socket is not null && OriginalDestination.Of(socket) is { } original)
        {
            await FromOutsideAsync(connection, original, plaintext.Next!).ConfigureAwait(false);
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed);
        timeout.CancelAfter(FirstByteTimeout);
        var input = connection.Transport.Input;
        ReadResult result;
        try
        {
            result = await input.ReadAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (result.Buffer.IsEmpty)
        {
            input.AdvanceTo(result.Buffer.Start);
            return;
        }

        var first = result.Buffer.FirstSpan[0];

        // Nothing consumed or examined: the next reader gets the same bytes.
        input.AdvanceTo(result.Buffer.Start);
        var isTls = first == TlsHandshakeRecord;
        connection.Features.Set(new PeerIdentityFeature(isTls));
        if (isTls)
        {
            await tls(connection).ConfigureAwait(false);
            return;
        }

        await Detection.HttpAsync(connection, plaintext.Next!, await Detection.SniffAsync(connection, _options.ProtocolDetectTimeout).ConfigureAwait(false)).ConfigureAwait(false);
    }

    /// <summary>A client without a proxy called an app port; iptables sent it here.</summary>
    private async Task FromOutsideAsync(ConnectionContext connection, IPEndPoint original, ConnectionDelegate http)
    {
        connection.Features.Set(new OriginalDestinationFeature(original));
        connection.Features.Set(new PeerIdentityFeature(false));
        var protocol = _state.Active is { } active && IsOpaque(active, original.Port) ? SniffedProtocol.Opaque : await Detection.SniffAsync(connection, _options.ProtocolDetectTimeout).ConfigureAwait(false);
        if (Detection.IsHttp(protocol))
        {
            await Detection.HttpAsync(connection, http, protocol).ConfigureAwait(false);
            return;
        }

        var source = connection.RemoteEndPoint is IPEndPoint remote ? (remote.Address.IsIPv4MappedToIPv6 ? remote.Address.MapToIPv4() : remote.Address).ToString() : "unknown";
        var config = _state.Active;
        if (config is null)
        {
            _forwarder.Refuse(connection, "inbound", "no_config", source, $"port {original.Port}", "the proxy has not loaded a config yet");
            return;
        }

        var verdict = config.Access.DecideConnection(null, original.Port);
        if (!verdict.Allowed)
        {
            _forwarder.Refuse(connection, "inbound", "denied", source, ServiceAt(config, original.Port), verdict.Reason);
            return;
        }

        await _forwarder.ToAppAsync(connection, new IPEndPoint(_options.AppAddress, original.Port), "unknown", config.Document.Identity.Key, ServiceAt(config, original.Port)).ConfigureAwait(false);
    }

    private async Task AfterTlsAsync(ConnectionContext connection, ConnectionDelegate http)
    {
        var alpn = connection.Features.Get<ITlsApplicationProtocolFeature>()?.ApplicationProtocol ?? default;
        if (!alpn.Span.SequenceEqual(MeshConnector.TunnelProtocol.Protocol.Span))
        {
            await http(connection).ConfigureAwait(false);
            return;
        }

        var port = await ReadPortAsync(connection.Transport.Input, connection.ConnectionClosed).ConfigureAwait(false);
        var config = _state.Active;
        var peer = config is null ? null : ConnectionIdentity.Of(connection, config.TrustDomain);
        var source = peer?.Identity.Key ?? "unknown";
        if (port is null || config is null)
        {
            _forwarder.Refuse(connection, "inbound", config is null ? "no_config" : "bad_tunnel", source, "-", config is null ? "the proxy has not loaded a config yet" : "the tunnel did not name an app port");
            return;
        }

        connection.Features.Set(new TunnelFeature(port.Value));
        var protocol = IsOpaque(config, port.Value) ? SniffedProtocol.Opaque : await Detection.SniffAsync(connection, _options.ProtocolDetectTimeout).ConfigureAwait(false);
        if (Detection.IsHttp(protocol))
        {
            // HTTP the caller's proxy could not route by Service (a pod IP): authorized per request.
            await Detection.HttpAsync(connection, http, protocol).ConfigureAwait(false);
            return;
        }

        var service = ServiceAt(config, port.Value);
        var verdict = config.Access.DecideConnection(peer?.Identity.Key, port.Value);
        if (!verdict.Allowed)
        {
            _forwarder.Refuse(connection, "inbound", "denied", source, service, $"port {port}: {verdict.Reason}");
            return;
        }

        await _forwarder.ToAppAsync(connection, new IPEndPoint(_options.AppAddress, port.Value), source, config.Document.Identity.Key, service).ConfigureAwait(false);
    }

    private static async Task<int?> ReadPortAsync(PipeReader input, CancellationToken closed)
    {
        while (true)
        {
            ReadResult result;
            try
            {
                result = await input.ReadAsync(closed).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or ConnectionResetException)
            {
                return null;
            }

            if (result.Buffer.Length >= 2)
            {
                Span<byte> bytes = stackalloc byte[2];
                result.Buffer.Slice(0, 2).CopyTo(bytes);
                input.AdvanceTo(result.Buffer.GetPosition(2));
                var port = (bytes[0] << 8) | bytes[1];
                return port is >= 1 and <= 65535 ? port : null;
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                input.AdvanceTo(result.Buffer.End);
                return null;
            }

            input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }



    /// <summary>Whether a Service this identity serves declares the container port opaque TCP: no detection wait (server-first protocols speak at once).</summary>
    private static bool IsOpaque(CompiledConfig config, int port)
    {
        foreach (var service in config.Document.Inbound.Services)
        {
            foreach (var mapping in service.Ports)
            {
                if (mapping.TargetPort == port && mapping.Protocol == Smi.ProxyConfig.AppProtocol.Tcp)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The Service this identity serves on a container port, for labels and messages.</summary>
    private static string ServiceAt(CompiledConfig config, int port)
    {
        foreach (var service in config.Document.Inbound.Services)
        {
            foreach (var mapping in service.Ports)
            {
                if (mapping.TargetPort == port)
                {
                    return service.Key.ToString();
                }
            }
        }

        return $"port {port}";
    }

    private sealed class Branch
    {
        public ConnectionDelegate? Next { get; set; }
    }
}
