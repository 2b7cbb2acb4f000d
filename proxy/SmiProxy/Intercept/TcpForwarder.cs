using System.Net;
using Microsoft.AspNetCore.Connections;
using Smi.ProxyConfig;
using SmiProxy.Clusters;
using SmiProxy.Configuration;
using SmiProxy.Connections;
using SmiProxy.Identity;
using SmiProxy.Routing;
using SmiProxy.Telemetry;
using SmiProxy.Tls;

namespace SmiProxy.Intercept;

/// <summary>
/// Carries opaque TCP connections: to a Service port (a backend by the route's SWRR weights, per
/// connection, then one of its endpoints — an mTLS tunnel to a meshed one, plain TCP to an unmeshed
/// one), to a known pod endpoint, straight to an address outside the mesh, or, on the inbound side,
/// to the app. Counts connections and bytes; refusals are counted and logged with their reason.
/// </summary>
internal sealed class TcpForwarder
{
    /// <summary>Endpoints tried for one connection before giving up (a vanished pod, a closed port).</summary>
    private const int ConnectAttempts = 3;

    private readonly MeshConnector _connector;
    private readonly TcpMetrics _metrics;
    private readonly ILogger<TcpForwarder> _logger;

    public TcpForwarder(MeshConnector connector, TcpMetrics metrics, ILogger<TcpForwarder> logger)
    {
        _connector = connector;
        _metrics = metrics;
        _logger = logger;
    }

    public async Task ToServiceAsync(ConnectionContext client, CompiledConfig config, OutboundServiceEntry service, OutboundPortEntry port)
    {
        var source = config.Document.Identity.Key;
        var route = port.Routes[^1];
        var backend = route.PickBackend();
        if (backend?.Binding is not { } binding)
        {
            Refuse(client, "outbound", "no_endpoints", source, service.Key, $"no ready endpoints for {service.Key}:{port.Port}");
            return;
        }

        var state = binding.Cluster.DestinationsState;
        var candidates = state.AvailableDestinations.Count > 0 ? state.AvailableDestinations : state.AllDestinations;
        var start = candidates.Count > 1 ? Random.Shared.Next(candidates.Count) : 0;
        var problems = new List<string>();
        for (var i = 0; i < Math.Min(ConnectAttempts, candidates.Count); i++)
        {
            var destination = candidates[(start + i) % candidates.Count];
            var endpoint = MeshEndpoint.For(destination.Model);
            if (!TryParse(destination.Model.Config.Address, out var address) || !int.TryParse(endpoint.ContainerPort, out var appPort))
            {
                continue;
            }

            Stream upstream;
            try
            {
                upstream = await _connector.ConnectTcpAsync(address, endpoint.SpiffeId, appPort, client.ConnectionClosed).ConfigureAwait(false);
            }
            catch (MeshConnectException ex)
            {
                problems.Add(ex.Message);
                continue;
            }

            await SpliceAsync(client, upstream, new TcpLabels("outbound", source, endpoint.Identity ?? "unknown", backend.Service)).ConfigureAwait(false);
            return;
        }

        Refuse(client, "outbound", "connect_failed", source, service.Key, problems.Count == 0 ? $"no usable endpoint for {backend.Service}" : string.Join("; ", problems));
    }

    /// <summary>To one pod endpoint the config knows (an app calling a pod IP directly).</summary>
    public async Task ToEndpointAsync(ConnectionContext client, CompiledConfig config, EndpointTarget target, IPEndPoint original)
    {
        var source = config.Document.Identity.Key;
        var meshed = target.IsMeshed;
        var address = meshed ? new IPEndPoint(original.Address, target.Endpoint.InboundPort!.Value) : original;
        var spiffeId = meshed && ProxyIdentity.TryParse(target.Endpoint.Identity, out var identity) ? identity.SpiffeId(config.TrustDomain) : null;
        await ConnectAndSpliceAsync(client, address, spiffeId, original.Port, new TcpLabels("outbound", source, target.Endpoint.Identity ?? "unknown", target.Service.ToString())).ConfigureAwait(false);
    }

    /// <summary>Outside the mesh: straight to the original destination, bytes untouched (TLS stays end to end).</summary>
    public Task PassthroughAsync(ConnectionContext client, CompiledConfig? config, IPEndPoint original) =>
        ConnectAndSpliceAsync(client, original, null, original.Port, new TcpLabels("outbound", config?.Document.Identity.Key ?? "unknown", "external", "external"));

    /// <summary>Inbound: an allowed connection to the app's port.</summary>
    public Task ToAppAsync(ConnectionContext client, IPEndPoint app, string sourceIdentity, string destinationIdentity, string service) =>
        ConnectAndSpliceAsync(client, app, null, app.Port, new TcpLabels("inbound", sourceIdentity, destinationIdentity, service));

    public void Refuse(ConnectionContext client, string direction, string reason, string source, string destination, string detail)
    {
        _metrics.Refused(direction, reason, source, destination);
        _logger.TcpRefused(direction, source, destination, reason, detail);
        client.Abort(new ConnectionAbortedException($"{reason}: {detail}"));
    }

    private async Task ConnectAndSpliceAsync(ConnectionContext client, IPEndPoint address, string? spiffeId, int appPort, TcpLabels labels)
    {
        Stream upstream;
        try
        {
            upstream = await _connector.ConnectTcpAsync(address, spiffeId, appPort, client.ConnectionClosed).ConfigureAwait(false);
        }
        catch (MeshConnectException ex)
        {
            Refuse(client, labels.Direction, "connect_failed", labels.SourceIdentity, labels.DestinationService, ex.Message);
            return;
        }

        await SpliceAsync(client, upstream, labels).ConfigureAwait(false);
    }

    private async Task SpliceAsync(ConnectionContext client, Stream upstream, TcpLabels labels)
    {
        _metrics.Opened(labels);
        (long Sent, long Received) bytes = (0, 0);
        try
        {
            bytes = await TcpSplice.RunAsync(client.Transport, upstream, client.ConnectionClosed).ConfigureAwait(false);
        }
        finally
        {
            await upstream.DisposeAsync().ConfigureAwait(false);
            _metrics.Closed(labels, bytes.Sent, bytes.Received);
        }
    }

    private static bool TryParse(string address, out IPEndPoint endpoint)
    {
        endpoint = null!;
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || !IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip))
        {
            return false;
        }

        endpoint = new IPEndPoint(ip, uri.Port);
        return true;
    }
}
