using Smi.ProxyConfig;
using Smi.ProxyConfig.Matching;
using SmiProxy.Matching;
using SmiProxy.Resilience;

namespace SmiProxy.Policies;

/// <summary>A compiled <see cref="OutboundPolicy"/>: applies to requests its matches accept (all when it has none).</summary>
internal sealed class OutboundPolicyEntry
{
    public OutboundPolicyEntry(string origins, HttpMatchSet matches, MirrorEntry? mirror, FaultPolicy? fault, RouteResilience? resilience, RetryBudget? retryBudget, bool? accessLog)
    {
        Origins = origins;
        Matches = matches;
        Mirror = mirror;
        Fault = fault;
        Resilience = resilience;
        RetryBudget = retryBudget;
        AccessLog = accessLog;
    }

    /// <summary>The TrafficPolicy objects, comma separated (for logs, metrics and reasons).</summary>
    public string Origins { get; }

    public HttpMatchSet Matches { get; }

    public MirrorEntry? Mirror { get; }

    public FaultPolicy? Fault { get; }

    /// <summary>Timeouts and retries for these requests; null keeps the route's.</summary>
    public RouteResilience? Resilience { get; }

    public RetryBudget? RetryBudget { get; }

    public bool? AccessLog { get; }

    public bool IsMatch(HttpRequest request) => Matches.Accepts(request);

    /// <summary>True with probability <paramref name="percent"/> / 100.</summary>
    public static bool Roll(double percent) => percent >= 100 || Random.Shared.NextDouble() * 100 < percent;
}
