using System.Text.RegularExpressions;

namespace Smi.ProxyConfig.Matching;

/// <summary>
/// Compiled regexes keyed by pattern, carried from one config to the next: a reload only pays for
/// the patterns it adds, and NonBacktracking construction is the expensive part of compiling a
/// config. Every contract regex runs with <c>NonBacktracking | CultureInvariant</c>. Not
/// thread-safe: one config is compiled at a time.
/// </summary>
public sealed class RegexCache
{
    private const RegexOptions Options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    private readonly Dictionary<string, Regex> _previous;
    private readonly Dictionary<string, Regex> _current = new(StringComparer.Ordinal);

    /// <summary>A cache that reuses what <paramref name="previous"/> compiled (null: start empty).</summary>
    public RegexCache(RegexCache? previous = null) => _previous = previous?._current ?? new Dictionary<string, Regex>(StringComparer.Ordinal);

    /// <summary>Returns the regex for <paramref name="pattern"/>; throws <see cref="ArgumentException"/> for a bad pattern.</summary>
    public Regex Get(string pattern)
    {
        if (_current.TryGetValue(pattern, out var regex))
        {
            return regex;
        }

        if (!_previous.TryGetValue(pattern, out regex))
        {
            regex = new Regex(pattern, Options, Timeout.InfiniteTimeSpan);
        }

        _current[pattern] = regex;
        return regex;
    }
}
