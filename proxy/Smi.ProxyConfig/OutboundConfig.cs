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
    /// "name.namespace", sorted by that text. The outbound answers them with 403 and a reason instead of
    /// forwarding a request the destination would deny anyway, or calling them unknown.
    /// </summary>
    public ImmutableArray<ServiceKey> DeniedServices { get; init; } = [];
}
