using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Smi.Api.Model;
using Smi.ProxyConfig;

namespace Smi.Core.Compilation;

/// <summary>
/// Compiles HTTPRouteGroup matches into the contract's <see cref="HttpRouteMatch"/>, applying SMI's
/// anchoring once, here, so every proxy evaluates the same thing:
/// <list type="bullet">
/// <item>pathRegex is anchored at the start only (<c>/api</c> matches <c>/api/v1</c> and <c>/apix</c>): <c>^(?:re)</c>;</item>
/// <item>header values must match entirely: <c>^(?:re)$</c>; names are lower-cased (HTTP names are case-insensitive);</item>
/// <item>a missing pathRegex, methods or headers is a wildcard; <c>*</c> among methods means any method.</item>
/// </list>
/// </summary>
internal static class MatchCompiler
{
    // Memoized "does this pattern compile under the non-backtracking engine": pure, so safe to share.
    private static readonly ConcurrentDictionary<string, string?> RegexErrors = new(StringComparer.Ordinal);

    public static HttpRouteMatch Compile(HttpRouteGroup group, HttpMatch match) => new()
    {
        Origin = $"{SmiKinds.HttpRouteGroup} {group.Metadata.Key}#{match.Name}",
        PathRegex = string.IsNullOrEmpty(match.PathRegex) ? null : $"^(?:{match.PathRegex})",
        Methods = match.Methods.IsDefaultOrEmpty || match.Methods.Contains("*")
            ? []
            : [.. match.Methods.Select(m => m.ToUpperInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
        Headers = match.Headers.IsDefaultOrEmpty
            ? []
            : [.. match.Headers
                .Select(h => new HeaderCondition(h.Name.ToLowerInvariant(), $"^(?:{h.ValueRegex})$"))
                .Distinct()
                .OrderBy(h => h.Name, StringComparer.Ordinal)
                .ThenBy(h => h.ValueRegex, StringComparer.Ordinal)],
    };

    /// <summary>Null when every regex of the match compiles; otherwise what is wrong.</summary>
    public static string? FindRegexError(HttpRouteMatch match)
    {
        if (match.PathRegex is { } path && RegexError(path) is { } pathError)
        {
            return $"pathRegex {pathError}";
        }

        foreach (var header in match.Headers)
        {
            if (RegexError(header.ValueRegex) is { } headerError)
            {
                return $"header {header.Name} {headerError}";
            }
        }

        return null;
    }

    private static string? RegexError(string pattern) => RegexErrors.GetOrAdd(pattern, static p =>
    {
        try
        {
            _ = new Regex(p, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
            return null;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            return $"\"{p}\" does not compile: {ex.Message}";
        }
    });

    /// <summary>Canonical order for a set of matches: by origin (which embeds group and match name).</summary>
    public static ImmutableArray<HttpRouteMatch> Sorted(IEnumerable<HttpRouteMatch> matches) =>
        [.. matches.DistinctBy(m => m.Origin).OrderBy(m => m.Origin, StringComparer.Ordinal)];
}
