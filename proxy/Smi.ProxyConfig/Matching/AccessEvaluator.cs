namespace Smi.ProxyConfig.Matching;

/// <summary>
/// The contract's access decision for one request at an inbound proxy (see <see cref="AccessRule"/>):
/// allowed iff permissive, or some rule has the caller among its sources, the container port among
/// its ports (or no ports), and a matching HTTP match (or none), and is not UDP-only.
/// </summary>
public static class AccessEvaluator
{
    /// <summary>Decides; <paramref name="matches"/> compiles (or looks up) a rule's HTTP matches.</summary>
    public static AccessVerdict Decide(
        InboundConfig inbound,
        ProxyIdentity destination,
        string? source,
        int port,
        string method,
        string path,
        Func<string, string?> header,
        Func<HttpRouteMatch, CompiledHttpMatch>? matches = null)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        ArgumentNullException.ThrowIfNull(destination);
        matches ??= static m => new CompiledHttpMatch(m);
        if (inbound.Permissive)
        {
            return new AccessVerdict(true, null, $"permissive mode: {destination.Namespace} admits every caller");
        }

        if (source is null)
        {
            return new AccessVerdict(false, null, "the caller has no mesh identity, and mutual TLS is required (not permissive)");
        }

        var near = new List<string>();
        foreach (var rule in inbound.Rules)
        {
            if (rule.UdpOnly || !rule.Sources.Contains(source))
            {
                continue;
            }

            if (!rule.Ports.IsDefaultOrEmpty && !rule.Ports.Contains(port))
            {
                near.Add($"{rule.Origin} allows {source} only on port {string.Join(", ", rule.Ports)}");
                continue;
            }

            if (rule.HttpMatches.IsDefaultOrEmpty)
            {
                return new AccessVerdict(true, rule, $"allowed by {rule.Origin}");
            }

            string? firstMismatch = null;
            foreach (var match in rule.HttpMatches)
            {
                var compiled = matches(match);
                var mismatch = compiled.FirstMismatch(method, path, header);
                if (mismatch is null)
                {
                    return new AccessVerdict(true, rule, $"allowed by {rule.Origin} ({match.Origin})");
                }

                firstMismatch ??= $"{match.Origin}: {mismatch}";
            }

            near.Add($"{rule.Origin} allows {source} only for its routes ({firstMismatch})");
        }

        var reason = near.Count == 0
            ? $"no TrafficTarget allows {source} -> {destination}"
            : $"no TrafficTarget allows {source} -> {destination} on port {port} {method} {path}: {string.Join("; ", near)}";
        return new AccessVerdict(false, null, reason);
    }
}
