using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Smi.ProxyConfig;

/// <summary>The endpoints of one Service port: what the proxy load-balances over.</summary>
public sealed record BackendCluster
{
    /// <summary>"namespace/service:port", unique.</summary>
    public required string Id { get; init; }

    /// <summary>Service namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>Service name.</summary>
    public required string Service { get; init; }

    /// <summary>The Service as a key (not written: it is <see cref="Namespace"/> and <see cref="Service"/>).</summary>
    [JsonIgnore]
    public ServiceKey ServiceKey => new(Namespace, Service);

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
