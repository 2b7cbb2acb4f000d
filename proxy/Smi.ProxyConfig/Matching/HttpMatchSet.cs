using System.Collections.Immutable;

namespace Smi.ProxyConfig.Matching;

/// <summary>
/// The HTTP matches of a route, rule or policy entry, which accept a request when any of them
/// matches it — and every request when there are none. The one place that "any match" is written.
/// </summary>
public readonly struct HttpMatchSet
{
    private readonly CompiledHttpMatch[]? _matches;

    private HttpMatchSet(CompiledHttpMatch[] matches) => _matches = matches;

    /// <summary>No matches: accepts every request.</summary>
    public static HttpMatchSet Any => default;

    /// <summary>The matches, in order.</summary>
    public ReadOnlySpan<CompiledHttpMatch> Matches => _matches;

    /// <summary>True when there are no matches (every request is accepted).</summary>
    public bool IsEmpty => _matches is null || _matches.Length == 0;

    /// <summary>Compiles <paramref name="matches"/> with <paramref name="regexes"/>.</summary>
    public static HttpMatchSet Compile(ImmutableArray<HttpRouteMatch> matches, RegexCache regexes) =>
        matches.IsDefaultOrEmpty ? Any : new HttpMatchSet([.. matches.Select(m => new CompiledHttpMatch(m, regexes))]);

    /// <summary>Whether the set accepts the request: no matches, or one that matches.</summary>
    public bool Accepts<THeaders>(string method, string path, THeaders headers)
        where THeaders : IRequestHeaders
    {
        if (IsEmpty)
        {
            return true;
        }

        foreach (var match in _matches!)
        {
            if (match.Matches(method, path, headers))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The first match the request matches, or null (also when the set is empty); when none does,
    /// <paramref name="mismatches"/> says why each failed ("origin: reason"), in order.
    /// </summary>
    public CompiledHttpMatch? Find<THeaders>(string method, string path, THeaders headers, out ImmutableArray<string> mismatches)
        where THeaders : IRequestHeaders
    {
        var reasons = ImmutableArray.CreateBuilder<string>();
        foreach (var match in Matches)
        {
            if (match.FirstMismatch(method, path, headers) is not { } mismatch)
            {
                mismatches = [];
                return match;
            }

            reasons.Add($"{match.Origin}: {mismatch}");
        }

        mismatches = reasons.ToImmutable();
        return null;
    }
}
