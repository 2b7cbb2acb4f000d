using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.RateLimiting;
using Smi.ProxyConfig;

namespace SmiProxy.Policies;

/// <summary>
/// The token buckets of every rate limit, kept for the life of the proxy (not of a config), keyed
/// by the limit's id, its numbers and — per source — the caller, so a reload that leaves a limit
/// unchanged keeps its state and a changed limit starts fresh. Buckets live as long as the proxy:
/// their number is bounded by limits x callers of this identity, a few hundred bytes each.
/// </summary>
internal sealed class RateLimiters : IDisposable
{
    private readonly ConcurrentDictionary<string, TokenBucketRateLimiter> _buckets = new(StringComparer.Ordinal);

    /// <summary>Takes one token from the bucket <paramref name="limit"/> keeps for <paramref name="source"/>; on refusal, how long until a token is back.</summary>
    public bool TryAcquire(RateLimitPolicy limit, string source, out TimeSpan retryAfter)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"{limit.Id}|{limit.Requests}|{limit.PeriodMs}|{limit.Burst}|{(limit.PerSource ? source : "*")}");
        var limiter = _buckets.GetOrAdd(key, static (_, l) => Create(l), limit);
        using var lease = limiter.AttemptAcquire(1);
        if (lease.IsAcquired)
        {
            retryAfter = TimeSpan.Zero;
            return true;
        }

        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMilliseconds(limit.PeriodMs);
        return false;
    }

    public void Dispose()
    {
        foreach (var limiter in _buckets.Values)
        {
            limiter.Dispose();
        }

        _buckets.Clear();
    }

    /// <summary>
    /// A bucket refilled smoothly rather than all at once per period: one token every
    /// period/requests, batched to at least 100 ms (or the whole period when shorter) so the
    /// replenishment timer stays cheap (smaller batches when the burst is smaller). The long-run
    /// rate is requests per period.
    /// </summary>
    private static TokenBucketRateLimiter Create(RateLimitPolicy limit)
    {
        var perToken = (double)limit.PeriodMs / limit.Requests;
        var periodMs = Math.Max(perToken, Math.Min(limit.PeriodMs, 100));
        // Never more per batch than the bucket holds, or the excess would be lost and the rate fall short.
        var tokens = Math.Clamp((int)Math.Round(periodMs / perToken), 1, limit.Burst);
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit.Burst,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = TimeSpan.FromMilliseconds(tokens * perToken),
            AutoReplenishment = true,
            QueueLimit = 0,
        });
    }
}
