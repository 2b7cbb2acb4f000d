using System.Collections.Immutable;

namespace Smi.ProxyConfig;

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
    /// is weight / Σweight. Never empty: with no usable backend the route targets the apex
    /// Service's own endpoints.
    /// </summary>
    public required ImmutableArray<WeightedBackend> Backends { get; init; }

    /// <summary>Per-route overrides of <see cref="MeshProxyConfig.Defaults"/>; null fields inherit.</summary>
    public ResilienceSettings? Resilience { get; init; }
}
