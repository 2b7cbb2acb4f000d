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

/// <summary>Copy <paramref name="Percent"/> % of matching requests to <paramref name="Cluster"/>; the caller never waits for or sees the copy.</summary>
/// <param name="Service">Mirror Service as "name.namespace".</param>
/// <param name="Cluster">Id of the <see cref="BackendCluster"/> holding its endpoints (must exist in outbound.clusters).</param>
/// <param name="Percent">Share of matching requests, 0 &lt; percent &lt;= 100.</param>
/// <param name="MaxConcurrent">In-flight copies per proxy; over it a copy is dropped (and counted).</param>
public sealed record MirrorPolicy(string Service, string Cluster, double Percent, int MaxConcurrent);

/// <summary>Fault injection for chaos tests; a request may be both delayed and then aborted.</summary>
public sealed record FaultPolicy
{
    /// <summary>Delay a share of the requests before forwarding.</summary>
    public DelayFault? Delay { get; init; }

    /// <summary>Answer a share of the requests with a status instead of forwarding.</summary>
    public AbortFault? Abort { get; init; }
}

/// <summary>Delay <paramref name="Percent"/> % of requests by <paramref name="DelayMs"/> ms.</summary>
public sealed record DelayFault(double Percent, int DelayMs);

/// <summary>Answer <paramref name="Percent"/> % of requests with <paramref name="StatusCode"/> (200..599).</summary>
public sealed record AbortFault(double Percent, int StatusCode);

/// <summary>
/// Policies enforced by the destination's inbound proxy for one served Service: rate limits, and
/// access logging. Every entry whose <see cref="Port"/> and <see cref="Matches"/> accept a request
/// contributes its rate limits; all must grant.
/// </summary>
public sealed record InboundPolicy
{
    /// <summary>The objects this entry comes from (sorted).</summary>
    public required ImmutableArray<string> Origins { get; init; }

    /// <summary>Service port this entry applies to; null means every port.</summary>
    public int? Port { get; init; }

    /// <summary>Requests this entry applies to (OR); empty means every request.</summary>
    public ImmutableArray<HttpRouteMatch> Matches { get; init; } = [];

    /// <summary>Token-bucket limits; a request must pass every one that applies to its caller.</summary>
    public ImmutableArray<RateLimitPolicy> RateLimits { get; init; } = [];

    /// <summary>Access-log these requests (true), never (false), or as the identity says (null).</summary>
    public bool? AccessLog { get; init; }
}

/// <summary>
/// A token bucket: <see cref="Requests"/> tokens every <see cref="PeriodMs"/>, holding at most
/// <see cref="Burst"/>. Exceeding it answers 429 with Retry-After.
/// </summary>
public sealed record RateLimitPolicy
{
    /// <summary>Stable id, e.g. <c>demo/web-policy#0</c>: limiter state survives reloads while the id and numbers are unchanged.</summary>
    public required string Id { get; init; }

    /// <summary>Callers ("namespace/serviceaccount") this limit applies to; empty means every caller (unauthenticated ones keyed as "-").</summary>
    public ImmutableArray<string> Sources { get; init; } = [];

    /// <summary>True: one bucket per caller identity; false: one bucket shared by all callers it applies to.</summary>
    public bool PerSource { get; init; } = true;

    /// <summary>Tokens added per period (&gt; 0).</summary>
    public required int Requests { get; init; }

    /// <summary>Replenishment period in ms (&gt;= 1).</summary>
    public required int PeriodMs { get; init; }

    /// <summary>Bucket size (&gt; 0).</summary>
    public required int Burst { get; init; }
}
