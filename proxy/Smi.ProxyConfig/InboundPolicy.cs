using System.Collections.Immutable;

namespace Smi.ProxyConfig;

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
