namespace Smi.ProxyConfig;

/// <summary>
/// Timeouts, retries, passive health (outlier ejection) and load balancing. At the top level every
/// field is set; on a route, null fields inherit the top level.
/// </summary>
public sealed record ResilienceSettings
{
    /// <summary>The defaults a proxy applies when the control plane says nothing.</summary>
    public static readonly ResilienceSettings Default = new()
    {
        RequestTimeoutMs = 15_000,
        ConnectTimeoutMs = 2_000,
        RetryAttempts = 2,
        OutlierConsecutiveFailures = 5,
        OutlierEjectionMs = 10_000,
        LoadBalancing = LoadBalancingPolicy.PowerOfTwoChoices,
    };

    /// <summary>Whole-request timeout (until response headers) in ms; the caller gets 504 past it.</summary>
    public int? RequestTimeoutMs { get; init; }

    /// <summary>TCP+TLS connect timeout in ms.</summary>
    public int? ConnectTimeoutMs { get; init; }

    /// <summary>
    /// Extra attempts on connect failure for idempotent requests (GET, HEAD, OPTIONS, TRACE, PUT,
    /// DELETE) with no request body sent yet, each on another endpoint when there is one.
    /// </summary>
    public int? RetryAttempts { get; init; }

    /// <summary>Consecutive connect failures or 5xx that eject an endpoint.</summary>
    public int? OutlierConsecutiveFailures { get; init; }

    /// <summary>How long an ejected endpoint stays out, in ms.</summary>
    public int? OutlierEjectionMs { get; init; }

    /// <summary>Load-balancing policy across a backend's endpoints.</summary>
    public string? LoadBalancing { get; init; }
}
