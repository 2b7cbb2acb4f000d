namespace Smi.ProxyConfig.Matching;

/// <summary>
/// The contract's access decision for one identity's inbound side (see <see cref="AccessRule"/>):
/// a request is allowed iff permissive, or some rule allows it. One evaluation, two wordings: the
/// proxy's 403 reasons (<see cref="Decide"/>, on the request path) and <c>explain</c>'s longer
/// ones (<see cref="Explain"/>), which say what each rule that knows the caller would need.
/// </summary>
public sealed class AccessRuleSet
{
    private readonly CompiledAccessRule[] _rules;

    private AccessRuleSet(bool permissive, CompiledAccessRule[] rules)
    {
        Permissive = permissive;
        _rules = rules;
    }

    /// <summary>SMI default deny is off: every caller is allowed.</summary>
    public bool Permissive { get; }

    /// <summary>The rules, in the config's order.</summary>
    public IReadOnlyList<CompiledAccessRule> Rules => _rules;

    /// <summary>Compiles the rules of <paramref name="inbound"/> (already validated).</summary>
    /// <exception cref="ArgumentException">A regex the validator could not catch is unusable.</exception>
    public static AccessRuleSet Compile(InboundConfig inbound, RegexCache regexes)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        return new AccessRuleSet(inbound.Permissive, [.. inbound.Rules.Select(rule => new CompiledAccessRule(rule, regexes))]);
    }

    /// <summary>
    /// Decides for the proxy, worded for a 403: <paramref name="source"/> is the verified caller
    /// (null for a caller without a mesh certificate). Allocates nothing unless it denies.
    /// </summary>
    public AccessVerdict Decide<THeaders>(string? source, int port, string method, string path, THeaders headers)
        where THeaders : IRequestHeaders
    {
        if (Permissive)
        {
            return new AccessVerdict(true, null, "permissive mode");
        }

        if (source is null)
        {
            return new AccessVerdict(false, null, "the caller has no mesh identity (no client certificate) and this identity is not in permissive mode");
        }

        foreach (var rule in _rules)
        {
            if (rule.Evaluate(source, port, method, path, headers) == AccessOutcome.Allowed)
            {
                return new AccessVerdict(true, rule.Rule, rule.Origin);
            }
        }

        return Denied(source);
    }

    /// <summary>
    /// Decides for one opaque TCP connection (bytes the proxy cannot read as requests): allowed iff
    /// permissive, or a rule knows <paramref name="source"/>, admits TCP on <paramref name="port"/>
    /// and has no HTTP matches (a rule that allows only some HTTP requests allows no opaque bytes).
    /// </summary>
    public AccessVerdict DecideConnection(string? source, int port)
    {
        if (Permissive)
        {
            return new AccessVerdict(true, null, "permissive mode");
        }

        if (source is null)
        {
            return new AccessVerdict(false, null, "the caller has no mesh identity (no client certificate) and this identity is not in permissive mode");
        }

        var near = new List<string>();
        foreach (var rule in _rules)
        {
            if (!rule.Knows(source) || rule.Rule.UdpOnly)
            {
                continue;
            }

            if (!rule.Rule.Ports.IsDefaultOrEmpty && !rule.Rule.Ports.Contains(port))
            {
                near.Add($"{rule.Origin} allows this source only on port {string.Join(", ", rule.Rule.Ports)}");
                continue;
            }

            if (!rule.Rule.HttpMatches.IsDefaultOrEmpty)
            {
                near.Add($"{rule.Origin} allows this source only for HTTP routes, not opaque TCP");
                continue;
            }

            return new AccessVerdict(true, rule.Rule, rule.Origin);
        }

        return new AccessVerdict(false, null, near.Count == 0 ? "no TrafficTarget allows this source" : string.Join("; ", near));
    }

    /// <summary>Decides as <see cref="Decide"/> does, worded for <c>explain</c>: the rule and match that allow, or what each rule that knows the caller lacks.</summary>
    public AccessVerdict Explain<THeaders>(ProxyIdentity destination, string? source, int port, string method, string path, THeaders headers)
        where THeaders : IRequestHeaders
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (Permissive)
        {
            return new AccessVerdict(true, null, $"permissive mode: {destination.Namespace} admits every caller");
        }

        if (source is null)
        {
            return new AccessVerdict(false, null, "the caller has no mesh identity, and mutual TLS is required (not permissive)");
        }

        var near = new List<string>();
        foreach (var rule in _rules)
        {
            switch (rule.Evaluate(source, port, method, path, headers))
            {
                case AccessOutcome.Allowed:
                    var by = rule.Matches.Find(method, path, headers, out _);
                    return new AccessVerdict(true, rule.Rule, by is null ? $"allowed by {rule.Origin}" : $"allowed by {rule.Origin} ({by.Origin})");
                case AccessOutcome.OtherPort:
                    near.Add($"{rule.Origin} allows {source} only on port {string.Join(", ", rule.Rule.Ports)}");
                    break;
                case AccessOutcome.OtherRoute:
                    rule.Matches.Find(method, path, headers, out var mismatches);
                    near.Add($"{rule.Origin} allows {source} only for its routes ({mismatches[0]})");
                    break;
            }
        }

        var reason = near.Count == 0
            ? $"no TrafficTarget allows {source} -> {destination}"
            : $"no TrafficTarget allows {source} -> {destination} on port {port} {method} {path}: {string.Join("; ", near)}";
        return new AccessVerdict(false, null, reason);
    }

    /// <summary>
    /// The 403 reason, naming the rules that know the caller. Built only once a request is denied
    /// (and in its own method: a lambda capturing a parameter of <see cref="Decide"/> would make
    /// every call allocate its closure), so an allowed request allocates nothing.
    /// </summary>
    private AccessVerdict Denied(string source)
    {
        var knowSource = _rules.Where(rule => rule.Knows(source)).Select(rule => rule.Origin).ToList();
        return knowSource.Count == 0
            ? new AccessVerdict(false, null, "no TrafficTarget allows this source")
            : new AccessVerdict(false, null, $"{string.Join(", ", knowSource)} allow{(knowSource.Count == 1 ? "s" : string.Empty)} this source, but not this port or route");
    }
}
