using System.Collections.Frozen;

namespace Smi.ProxyConfig.Matching;

/// <summary>
/// An <see cref="AccessRule"/> ready to evaluate: it allows a request from caller P to container
/// port N iff P is a source AND (no ports or N among them) AND (no HTTP matches or one matches),
/// and it is not UDP-only.
/// </summary>
public sealed class CompiledAccessRule
{
    private readonly FrozenSet<string> _sources;
    private readonly FrozenSet<int>? _ports;

    /// <summary>Compiles <paramref name="rule"/> (already validated).</summary>
    public CompiledAccessRule(AccessRule rule, RegexCache regexes)
    {
        ArgumentNullException.ThrowIfNull(rule);
        Rule = rule;
        _sources = rule.Sources.ToFrozenSet(StringComparer.Ordinal);
        _ports = rule.Ports.IsDefaultOrEmpty ? null : rule.Ports.ToFrozenSet();
        Matches = HttpMatchSet.Compile(rule.HttpMatches, regexes);
    }

    /// <summary>The rule as written in the config.</summary>
    public AccessRule Rule { get; }

    /// <summary>The object the rule comes from.</summary>
    public string Origin => Rule.Origin;

    /// <summary>The requests it allows; empty means every request.</summary>
    public HttpMatchSet Matches { get; }

    /// <summary>Whether <paramref name="source"/> is among the rule's sources.</summary>
    public bool Knows(string source) => _sources.Contains(source);

    internal AccessOutcome Evaluate<THeaders>(string source, int port, string method, string path, THeaders headers)
        where THeaders : IRequestHeaders
    {
        if (!Knows(source))
        {
            return AccessOutcome.OtherSource;
        }

        if (Rule.UdpOnly)
        {
            return AccessOutcome.UdpOnly;
        }

        if (_ports is not null && !_ports.Contains(port))
        {
            return AccessOutcome.OtherPort;
        }

        return Matches.Accepts(method, path, headers) ? AccessOutcome.Allowed : AccessOutcome.OtherRoute;
    }
}
