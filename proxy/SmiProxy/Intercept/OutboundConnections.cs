using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Smi.ProxyConfig;
using SmiProxy.Configuration;
using SmiProxy.Connections;
using SmiProxy.Settings;

namespace SmiProxy.Intercept;

/// <summary>
/// Every connection to the outbound listener, before any HTTP: refuses sources outside the pod,
/// recovers the original destination of connections iptables redirected, and decides what each is.
/// <list type="bullet">
/// <item>No original destination (explicit <c>HTTP_PROXY</c> mode): HTTP/1.1 or h2c, routed by Host.</item>
/// <item>A ClusterIP:port of a known Service: HTTP (detected, unless the port is declared opaque) goes
/// to the HTTP path, which routes by that Service; anything else is opaque TCP, split per connection.</item>
/// <item>A pod IP:port the config knows: opaque TCP to that endpoint (through its proxy when meshed).</item>
/// <item>Anything else is outside the mesh: passed through untouched (allow-any), or refused
/// (registry-only; HTTP gets the HTTP path's clear answer).</item>
/// </list>
/// </summary>
internal sealed class OutboundConnections
{
    private readonly ProxyState _state;
    private readonly TcpForwarder _forwarder;
    private readonly LocalAddresses _local;
    private readonly TimeSpan _detectTimeout;

    public OutboundConnections(ProxyState state, TcpForwarder forwarder, LocalAddresses local, SidecarProxyOptions options)
    {
        _state = state;
        _forwarder = forwarder;
        _local = local;
        _detectTimeout = options.ProtocolDetectTimeout;
    }

    public async Task HandleAsync(ConnectionContext connection, ConnectionDelegate http)
    {
        connection.Features.Set(ListenerFeature.Outbound);
        var config = _state.Active;
        if (connection.RemoteEndPoint is IPEndPoint remote && !_local.IsLocal(remote.Address))
        {
            _forwarder.Refuse(connection, "outbound", "not_local", (remote.Address.IsIPv4MappedToIPv6 ? remote.Address.MapToIPv4() : remote.Address).ToString(), "-", $"{remote} is not this pod: the outbound listener carries only the pod's own connections");
            return;
        }

        var socket = connection.Features.Get<IConnectionSocketFeature>()?.Socket;
        var original = socket is null ? null : OriginalDestination.Of(socket);
        if (original is null)
        {
            // Explicit mode: the app addressed the proxy itself, in HTTP.
            await Detection.HttpAsync(connection, http, await Detection.SniffAsync(connection, _detectTimeout).ConfigureAwait(false)).ConfigureAwait(false);
            return;
        }

        connection.Features.Set(new OriginalDestinationFeature(original));
        if (config is null)
        {
            _forwarder.Refuse(connection, "outbound", "no_config", "unknown", original.ToString(), "the proxy has not loaded a config yet");
            return;
        }

        var destinations = config.Outbound.Destinations;
        if (destinations.TryGetService(original, out var service, out var port))
        {
            var protocol = port.IsOpaque ? SniffedProtocol.Opaque : await Detection.SniffAsync(connection, _detectTimeout).ConfigureAwait(false);
            if (Detection.IsHttp(protocol))
            {
                await Detection.HttpAsync(connection, http, protocol).ConfigureAwait(false);
                return;
            }

            await _forwarder.ToServiceAsync(connection, config, service, port).ConfigureAwait(false);
            return;
        }

        if (destinations.TryGetEndpoint(original, out var target))
        {
            await _forwarder.ToEndpointAsync(connection, config, target, original).ConfigureAwait(false);
            return;
        }

        if (config.Document.Mesh.OutboundTrafficPolicy == OutboundTrafficPolicies.RegistryOnly)
        {
            var protocol = await Detection.SniffAsync(connection, _detectTimeout).ConfigureAwait(false);
            if (Detection.IsHttp(protocol))
            {
                // The HTTP path answers: 403 for a Service the caller may not reach, 502 for the rest.
                await Detection.HttpAsync(connection, http, protocol).ConfigureAwait(false);
                return;
            }

            _forwarder.Refuse(connection, "outbound", "registry_only", config.Document.Identity.Key, original.ToString(), $"{original} is not a Service or endpoint of the mesh, and the mesh's outbound traffic policy is registry-only");
            return;
        }

        await _forwarder.PassthroughAsync(connection, config, original).ConfigureAwait(false);
    }


}
