using System.Text.RegularExpressions;

namespace Smi.ProxyConfig.Matching;

/// <summary>
/// An <see cref="HttpRouteMatch"/> ready to evaluate — the one evaluator of the contract's match
/// semantics, used by the proxy's request path and by <c>explain</c>: every condition present must
/// hold; the path regex runs on the path without the query string (an empty path is "/"); methods
/// compare exactly (upper case); a header must be present and its value must match.
/// </summary>
public sealed class CompiledHttpMatch
{
    private readonly Regex? _path;
    private readonly string[] _methods;
    private readonly (string Name, Regex Value)[] _headers;

    /// <summary>Compiles <paramref name="match"/> (already validated by <see cref="ProxyConfigValidator"/>).</summary>
    /// <exception cref="ArgumentException">A regex the validator could not catch is unusable.</exception>
    public CompiledHttpMatch(HttpRouteMatch match, RegexCache regexes)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentNullException.ThrowIfNull(regexes);
        Source = match;
        _path = match.PathRegex is { } path ? regexes.Get(path) : null;
        _methods = match.Methods.IsDefaultOrEmpty ? [] : [.. match.Methods.Select(m => m.ToUpperInvariant())];
        _headers = match.Headers.IsDefaultOrEmpty ? [] : [.. match.Headers.Select(h => (h.Name.ToLowerInvariant(), regexes.Get(h.ValueRegex)))];
    }

    /// <summary>The match as written in the config.</summary>
    public HttpRouteMatch Source { get; }

    /// <summary>Where the match comes from (for reasons and explain output).</summary>
    public string Origin => Source.Origin;

    /// <summary>Whether the request matches.</summary>
    public bool Matches<THeaders>(string method, string path, THeaders headers)
        where THeaders : IRequestHeaders =>
        Check(method, path, headers, out _) == MatchFailure.None;

    /// <summary>Null when the request matches; otherwise the first condition it fails, in words.</summary>
    public string? FirstMismatch<THeaders>(string method, string path, THeaders headers)
        where THeaders : IRequestHeaders => Check(method, path, headers, out var header) switch
        {
            MatchFailure.None => null,
            MatchFailure.Method => $"method {method} is not {string.Join(" or ", _methods)}",
            MatchFailure.Path => $"path {path} does not match {Source.PathRegex}",
            MatchFailure.HeaderMissing => $"header {_headers[header].Name} is missing",
            _ => $"header {_headers[header].Name} \"{headers.Get(_headers[header].Name)}\" does not match {_headers[header].Value}",
        };

    private MatchFailure Check<THeaders>(string method, string path, THeaders headers, out int header)
        where THeaders : IRequestHeaders
    {
        header = -1;
        if (_methods.Length > 0 && Array.IndexOf(_methods, method) < 0)
        {
            return MatchFailure.Method;
        }

        if (_path is not null && !_path.IsMatch(string.IsNullOrEmpty(path) ? "/" : path))
        {
            return MatchFailure.Path;
        }

        for (var i = 0; i < _headers.Length; i++)
        {
            var actual = headers.Get(_headers[i].Name);
            if (actual is null || !_headers[i].Value.IsMatch(actual))
            {
                header = i;
                return actual is null ? MatchFailure.HeaderMissing : MatchFailure.HeaderValue;
            }
        }

        return MatchFailure.None;
    }
}
