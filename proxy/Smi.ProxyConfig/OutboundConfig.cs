using System.Collections.Immutable;

namespace Smi.ProxyConfig;

/// <summary>
/// What the outbound listener needs: every service this identity can reach, the routes on each of
/// its ports, and the endpoints behind every backend (clusters, shared between routes).
/// </summary>
public sealed record OutboundConfig
{
    /// <summary>Reachable services, sorted by namespace then name.</summary>
    public ImmutableArray<OutboundService> Services { get; init; } = [];

    /// <summary>Backend clusters referenced by routes, sorted by <see cref="BackendCluster.Id"/>.</summary>
    public ImmutableArray<BackendCluster> Clusters { get; init; } = [];

    /// <summary>
    /// Services that exist in the mesh but that no TrafficTarget lets this identity reach, as
    /// "name.namespace" (sorted). The outbound answers them with 403 and a reason instead of
    /// forwarding a request the destination would deny anyway, or calling them unknown.
    /// </summary>
    public ImmutableArray<string> DeniedServices { get; init; } = [];
}

/// <summary>A Service reachable from this identity.</summary>
public sealed record OutboundService
{
    /// <summary>Service namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>Service name.</summary>
    public required string Name { get; init; }

    /// <summary>ClusterIP, when known, so that transparent (iptables) mode can match by address.</summary>
    public string? ClusterIp { get; init; }

    /// <summary>Ports, sorted by number.</summary>
    public ImmutableArray<OutboundPort> Ports { get; init; } = [];
}

/// <summary>One port of a reachable Service and its ordered routes.</summary>
public sealed record OutboundPort
{
    /// <summary>Service port number.</summary>
    public required int Port { get; init; }

    /// <summary>Port name, if any.</summary>
    public string? Name { get; init; }

    /// <summary><see cref="AppProtocol.Http"/> or <see cref="AppProtocol.Tcp"/>.</summary>
    public string Protocol { get; init; } = AppProtocol.Http;

    /// <summary>
    /// Routes in evaluation order: the first whose matches accept the request wins. The last route
    /// has no matches and catches everything else; it is never missing.
    /// </summary>
    public required ImmutableArray<OutboundRoute> Routes { get; init; }

    /// <summary>TrafficPolicy entries in evaluation order (see <see cref="OutboundPolicy"/>); empty when none applies.</summary>
    public ImmutableArray<OutboundPolicy> Policies { get; init; } = [];
}

/// <summary>A route: the requests it takes and the weighted backends it sends them to.</summary>
public sealed record OutboundRoute
{
    /// <summary>Stable route name (unique within the port), e.g. <c>split:demo/web-ab</c> or <c>default</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The objects that produced this route (e.g. <c>TrafficSplit demo/web</c>); empty for a plain Service.</summary>
    public ImmutableArray<string> Origins { get; init; } = [];

    /// <summary>Requests this route takes (OR); empty means every request.</summary>
    public ImmutableArray<HttpRouteMatch> Matches { get; init; } = [];

    /// <summary>
    /// Backends with integer weights reduced by their GCD (90/10 becomes 9/1); each backend's share
    /// is weight / Σweight. Never empty: with no usable backend the route targets the root
    /// Service's own endpoints.
    /// </summary>
    public required ImmutableArray<WeightedBackend> Backends { get; init; }

    /// <summary>Per-route overrides of <see cref="MeshProxyConfig.Defaults"/>; null fields inherit.</summary>
    public ResilienceSettings? Resilience { get; init; }
}

/// <summary>A backend of a route.</summary>
/// <param name="Service">Backend Service as "name.namespace".</param>
/// <param name="Cluster">Id of the <see cref="BackendCluster"/> holding its endpoints.</param>
/// <param name="Weight">Positive integer weight.</param>
public sealed record WeightedBackend(string Service, string Cluster, long Weight);

/// <summary>The endpoints of one Service port: what the proxy load-balances over.</summary>
public sealed record BackendCluster
{
    /// <summary>"namespace/service:port", unique.</summary>
    public required string Id { get; init; }

    /// <summary>Service namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>Service name.</summary>
    public required string Service { get; init; }

    /// <summary>Service port.</summary>
    public required int Port { get; init; }

    /// <summary>Ready endpoints, sorted by address then port.</summary>
    public ImmutableArray<Endpoint> Endpoints { get; init; } = [];

    /// <summary>
    /// Load balancing and outlier ejection for this Service's endpoints from a TrafficPolicy that
    /// targets it; null fields inherit (first route's overrides, then the defaults).
    /// </summary>
    public ResilienceSettings? Resilience { get; init; }
}

/// <summary>
/// A ready endpoint. A meshed endpoint is reached over mTLS at <see cref="Address"/>:<see cref="InboundPort"/>
/// (its proxy's inbound listener), which forwards to <see cref="Port"/> on the pod; the server
/// certificate must assert <see cref="Identity"/>. An unmeshed endpoint is reached in plain text at
/// <see cref="Address"/>:<see cref="Port"/>.
/// </summary>
public sealed record Endpoint
{
    /// <summary>Pod IP address.</summary>
    public required string Address { get; init; }

    /// <summary>Container (target) port.</summary>
    public required int Port { get; init; }

    /// <summary>Pod name, when known (for metrics and explain).</summary>
    public string? Pod { get; init; }

    /// <summary>Identity of the pod ("namespace/serviceaccount"), when meshed.</summary>
    public string? Identity { get; init; }

    /// <summary>Port of the pod's proxy inbound listener; null when the pod has no proxy.</summary>
    public int? InboundPort { get; init; }
}
