using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Smi.ProxyConfig.Matching;

/// <summary>
/// An <see cref="HttpRouteMatch"/> ready to evaluate, with the contract's semantics in one place:
/// every condition present must hold; the path regex runs on the path without the query string;
/// methods compare exactly (upper case); a header must be present and its value (repeated headers
/// joined with ",", as Envoy does) must match. Regexes use the non-backtracking engine and are
/// compiled once per pattern.
/// </summary>
public sealed class CompiledHttpMatch
{
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);
    private readonly Regex? _path;
    private readonly string[] _methods;
    private readonly (string Name, Regex Value)[] _headers;

    /// <summary>Compiles <paramref name="match"/> (already validated by <see cref="ProxyConfigValidator"/>).</summary>
    public CompiledHttpMatch(HttpRouteMatch match)
    {
        ArgumentNullException.ThrowIfNull(match);
        Source = match;
        _path = match.PathRegex is null ? null : Compile(match.PathRegex);
        _methods = [.. match.Methods];
        _headers = [.. match.Headers.Select(h => (h.Name, Compile(h.ValueRegex)))];
    }

    /// <summary>The match as written in the config.</summary>
    public HttpRouteMatch Source { get; }

    /// <summary>Where the match comes from (for reasons and explain output).</summary>
    public string Origin => Source.Origin;

    /// <summary>Evaluates the match. <paramref name="header"/> returns a header's (joined) value, or null when absent.</summary>
    public bool Matches(string method, string path, Func<string, string?> header) => FirstMismatch(method, path, header) is null;

    /// <summary>Null when the request matches; otherwise the first condition it fails, in words.</summary>
    public string? FirstMismatch(string method, string path, Func<string, string?> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (_methods.Length > 0 && Array.IndexOf(_methods, method) < 0)
        {
            return $"method {method} is not {string.Join(" or ", _methods)}";
        }

        if (_path is not null && !_path.IsMatch(string.IsNullOrEmpty(path) ? "/" : path))
        {
            return $"path {path} does not match {Source.PathRegex}";
        }

        foreach (var (name, value) in _headers)
        {
            var actual = header(name);
            if (actual is null)
            {
                return $"header {name} is missing";
            }

            if (!value.IsMatch(actual))
            {
                return $"header {name} \"{actual}\" does not match {value}";
            }
        }

        return null;
    }

    private static Regex Compile(string pattern) =>
        Cache.GetOrAdd(pattern, static p => new Regex(p, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant));
}
