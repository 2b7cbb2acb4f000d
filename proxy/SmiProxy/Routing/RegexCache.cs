using System.Text.RegularExpressions;

namespace SmiProxy.Routing;

/// <summary>
/// Compiled regexes keyed by pattern, carried from one config to the next: a reload only pays for
/// the patterns it adds, and NonBacktracking construction is the expensive part of compiling a config.
/// </summary>
internal sealed class RegexCache
{
    private const RegexOptions Options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    private readonly Dictionary<string, Regex> _previous;
    private readonly Dictionary<string, Regex> _current = new(StringComparer.Ordinal);

    public RegexCache(RegexCache? previous) => _previous = previous?._current ?? new Dictionary<string, Regex>(StringComparer.Ordinal);

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
