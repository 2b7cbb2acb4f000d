using System.Collections.Immutable;
using Smi.ProxyConfig;

namespace Smi.Core.Compilation.Policies;

/// <summary>
/// Merges the resolved policies of one Service into what its proxies carry: per field, the first
/// policy of a chain ordered by precedence (matches &gt; port &gt; whole Service, then oldest) that
/// sets it wins.
/// </summary>
internal static class PolicyMerger
{
    /// <summary>
    /// The <see cref="OutboundPort.Policies"/> of one port, in evaluation order: one entry per match
    /// scope (most specific first), each merged with the port- and Service-wide policies beneath it,
    /// then a catch-all entry for the port- and Service-wide policies alone.
    /// </summary>
    public static ImmutableArray<OutboundPolicy> Outbound(ImmutableArray<ResolvedPolicy> policies, int port)
    {
        var applicable = policies.Where(p => p.AppliesTo(port)).ToList();
        var general = applicable.Where(p => p.Matches.IsEmpty).ToList();
        var result = new List<OutboundPolicy>();
        var seenScopes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var scoped in applicable.Where(p => !p.Matches.IsEmpty))
        {
            var matchKey = string.Join(",", scoped.Matches.Select(m => m.Origin));
            if (!seenScopes.Add(matchKey))
            {
                continue;
            }

            var chain = applicable.Where(p => p.Matches.IsEmpty || string.Join(",", p.Matches.Select(m => m.Origin)) == matchKey).ToList();
            if (Merge(chain, port, scoped.Matches) is { } merged)
            {
                result.Add(merged);
            }
        }

        if (Merge(general, port, []) is { } catchAll)
        {
            result.Add(catchAll);
        }

        return [.. result];
    }

    /// <summary>Load balancing and outlier detection for the target Service's cluster on <paramref name="port"/> (policies without matches only).</summary>
    public static ResilienceSettings? Cluster(ImmutableArray<ResolvedPolicy> policies, int port)
    {
        var chain = policies.Where(p => p.AppliesTo(port) && p.Matches.IsEmpty).ToList();
        var lb = chain.FirstOrDefault(p => p.Values.LoadBalancing is not null)?.Values.LoadBalancing;
        var outlier = chain.FirstOrDefault(p => p.Values.OutlierConsecutiveFailures is not null)?.Values;
        return lb is null && outlier is null
            ? null
            : new ResilienceSettings
            {
                LoadBalancing = lb,
                OutlierConsecutiveFailures = outlier?.OutlierConsecutiveFailures,
                OutlierEjectionMs = outlier?.OutlierEjectionMs,
            };
    }

    /// <summary>The inbound side: one entry per policy with rate limits or an access-log switch, in precedence order.</summary>
    public static ImmutableArray<InboundPolicy> Inbound(ImmutableArray<ResolvedPolicy> policies) =>
    [
        .. policies
            .Where(p => !p.Values.RateLimits.IsEmpty || p.Values.AccessLog is not null)
            .Select(p => new InboundPolicy
            {
                Origins = [p.Origin],
                Port = p.Port,
                Matches = p.Matches,
                RateLimits = p.Values.RateLimits,
                AccessLog = p.Values.AccessLog,
            }),
    ];

    /// <summary>The clusters mirrors send to, on <paramref name="port"/>.</summary>
    public static string? MirrorCluster(ResolvedPolicy policy, int port) =>
        policy.Mirror is { } mirror ? Topology.ClusterId(mirror, policy.Values.MirrorPort ?? port) : null;

    /// <summary>Warnings for settings that have no effect where they are written.</summary>
    public static IEnumerable<(ResolvedPolicy Policy, string Message)> Ignored(ImmutableArray<ResolvedPolicy> policies) =>
        policies
            .Where(p => !p.Matches.IsEmpty && (p.Values.LoadBalancing is not null || p.Values.OutlierConsecutiveFailures is not null))
            .Select(p => (p, "spec.loadBalancing and spec.outlierDetection apply to a Service port's endpoints as a whole, so they are ignored on a policy with spec.matches; set them in a policy without matches."));

    private static OutboundPolicy? Merge(List<ResolvedPolicy> chain, int port, ImmutableArray<HttpRouteMatch> matches)
    {
        var origins = new SortedSet<string>(StringComparer.Ordinal);
        T? Pick<T>(Func<PolicyValues, T?> field)
            where T : struct
        {
            foreach (var policy in chain)
            {
                if (field(policy.Values) is { } value)
                {
                    origins.Add(policy.Origin);
                    return value;
                }
            }

            return null;
        }

        var mirrorPolicy = chain.FirstOrDefault(p => p.Values.MirrorPercent is not null);
        var faultPolicy = chain.FirstOrDefault(p => p.Values.Fault is not null);
        var request = Pick(v => v.RequestTimeoutMs);
        var connect = Pick(v => v.ConnectTimeoutMs);
        var attempts = Pick(v => v.RetryAttempts);
        var budget = Pick(v => v.RetryBudgetPercent);
        var accessLog = Pick(v => v.AccessLog);
        if (mirrorPolicy is not null)
        {
            origins.Add(mirrorPolicy.Origin);
        }

        if (faultPolicy is not null)
        {
            origins.Add(faultPolicy.Origin);
        }

        if (origins.Count == 0)
        {
            return null;
        }

        return new OutboundPolicy
        {
            Origins = [.. origins],
            Matches = matches,
            Mirror = mirrorPolicy is null
                ? null
                : new MirrorPolicy(mirrorPolicy.Mirror!.Key, MirrorCluster(mirrorPolicy, port)!, mirrorPolicy.Values.MirrorPercent!.Value, mirrorPolicy.Values.MirrorMaxConcurrent),
            Fault = faultPolicy?.Values.Fault,
            Resilience = request is null && connect is null && attempts is null
                ? null
                : new ResilienceSettings { RequestTimeoutMs = request, ConnectTimeoutMs = connect, RetryAttempts = attempts },
            RetryBudgetPercent = budget,
            AccessLog = accessLog,
        };
    }
}
