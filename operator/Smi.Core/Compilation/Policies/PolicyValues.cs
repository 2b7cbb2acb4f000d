using System.Collections.Immutable;
using Smi.ProxyConfig;

namespace Smi.Core.Compilation.Policies;

/// <summary>A TrafficPolicy's settings in contract units (milliseconds, contract records); null means not set.</summary>
internal sealed record PolicyValues
{
    public double? MirrorPercent { get; init; }

    public int? MirrorPort { get; init; }

    public int MirrorMaxConcurrent { get; init; } = 32;

    public FaultPolicy? Fault { get; init; }

    public int? RequestTimeoutMs { get; init; }

    public int? ConnectTimeoutMs { get; init; }

    public int? RetryAttempts { get; init; }

    public int? RetryBudgetPercent { get; init; }

    public string? LoadBalancing { get; init; }

    public int? OutlierConsecutiveFailures { get; init; }

    public int? OutlierEjectionMs { get; init; }

    public bool? AccessLog { get; init; }

    public ImmutableArray<RateLimitPolicy> RateLimits { get; init; } = [];

    /// <summary>
    /// The fields that compete by precedence, by the name users write (rate limits do not compete:
    /// a request must pass every limit that applies).
    /// </summary>
    public static readonly IReadOnlyList<(string Field, Func<PolicyValues, bool> IsSet)> Fields =
    [
        ("mirror", v => v.MirrorPercent is not null),
        ("faults", v => v.Fault is not null),
        ("timeouts.request", v => v.RequestTimeoutMs is not null),
        ("timeouts.connect", v => v.ConnectTimeoutMs is not null),
        ("retries.attempts", v => v.RetryAttempts is not null),
        ("retries.budgetPercent", v => v.RetryBudgetPercent is not null),
        ("loadBalancing", v => v.LoadBalancing is not null),
        ("outlierDetection", v => v.OutlierConsecutiveFailures is not null),
        ("accessLog", v => v.AccessLog is not null),
    ];
}
