using System.Collections.Immutable;

namespace Smi.ProxyConfig;

/// <summary>
/// Policies from TrafficPolicy objects that apply on the caller's side to requests for one
/// Service port, already merged by precedence by the compiler (docs/traffic-policy.md). The proxy
/// applies the first entry of <see cref="OutboundPort.Policies"/> whose <see cref="Matches"/>
/// accept the request (empty matches accept every request), after the route is chosen.
/// </summary>
public sealed record OutboundPolicy
{
    /// <summary>The objects this entry was merged from, e.g. <c>TrafficPolicy demo/web-policy</c> (sorted).</summary>
    public required ImmutableArray<string> Origins { get; init; }

    /// <summary>Requests this entry applies to (OR); empty means every request.</summary>
    public ImmutableArray<HttpRouteMatch> Matches { get; init; } = [];

    /// <summary>Copy a share of the requests to another service, fire-and-forget.</summary>
    public MirrorPolicy? Mirror { get; init; }

    /// <summary>Delay and/or abort a share of the requests.</summary>
    public FaultPolicy? Fault { get; init; }

    /// <summary>Request/connect timeouts and retries; override the route's and the defaults (null fields inherit).</summary>
    public ResilienceSettings? Resilience { get; init; }

    /// <summary>Retries may add at most this percentage of requests over a 10 s window (1..100); null: no budget.</summary>
    public int? RetryBudgetPercent { get; init; }

    /// <summary>Access-log these requests (true), never (false), or as the identity says (null).</summary>
    public bool? AccessLog { get; init; }
}
