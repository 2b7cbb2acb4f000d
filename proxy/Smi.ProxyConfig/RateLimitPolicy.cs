using System.Collections.Immutable;

namespace Smi.ProxyConfig;

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
