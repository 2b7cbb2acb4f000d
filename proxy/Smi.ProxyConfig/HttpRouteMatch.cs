using System.Collections.Immutable;

namespace Smi.ProxyConfig;

/// <summary>
/// A compiled HTTP match: every condition present must hold. Regexes are final — the compiler has
/// already applied SMI's anchoring (path: anchored at the start; header values: full match) — and
/// are evaluated with <c>RegexOptions.NonBacktracking | CultureInvariant</c> against the request
/// path without the query string, and each header value.
/// </summary>
public sealed record HttpRouteMatch
{
    /// <summary>Where this match comes from, e.g. <c>HTTPRouteGroup default/the-routes#metrics</c>.</summary>
    public required string Origin { get; init; }

    /// <summary>Anchored path regex; null means any path.</summary>
    public string? PathRegex { get; init; }

    /// <summary>Upper-case methods; empty means any method.</summary>
    public ImmutableArray<string> Methods { get; init; } = [];

    /// <summary>Header conditions, all required (AND).</summary>
    public ImmutableArray<HeaderCondition> Headers { get; init; } = [];
}
