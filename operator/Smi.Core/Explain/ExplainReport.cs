using System.Collections.Immutable;
using Smi.ProxyConfig;
using Smi.ProxyConfig.Matching;

namespace Smi.Core.Explain;

/// <summary>The answer to an <see cref="ExplainRequest"/>, from the same compiler output the proxies run.</summary>
public sealed record ExplainReport
{
    public required ExplainRequest Request { get; init; }

    /// <summary>One-line verdict.</summary>
    public required string Summary { get; init; }

    /// <summary>Whether every backend that takes a share admits the request.</summary>
    public bool Allowed { get; init; }

    /// <summary>The service and port, when resolved.</summary>
    public ServiceAddress? Service { get; init; }

    /// <summary>The route that takes the request, with the objects that made it.</summary>
    public OutboundRoute? Route { get; init; }

    /// <summary>The HTTP match that selected the route, if it has matches.</summary>
    public string? MatchedBy { get; init; }

    /// <summary>Earlier routes that did not take the request, and why.</summary>
    public ImmutableArray<(string Route, string Reason)> SkippedRoutes { get; init; } = [];

    /// <summary>Where the request can go.</summary>
    public ImmutableArray<ExplainedBackend> Backends { get; init; } = [];

    /// <summary>The caller-side TrafficPolicy settings that apply (mirror, faults, timeouts, retries, access log), already merged by precedence.</summary>
    public OutboundPolicy? Policy { get; init; }

    /// <summary>Load balancing and outlier settings of each backend cluster set by a TrafficPolicy.</summary>
    public ImmutableArray<(string Cluster, ResilienceSettings Resilience)> ClusterPolicies { get; init; } = [];

    /// <summary>The destination-side TrafficPolicies that apply (rate limits that count this caller, access log).</summary>
    public ImmutableArray<ExplainedInboundPolicy> InboundPolicies { get; init; } = [];
}
