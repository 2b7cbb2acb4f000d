using System.Collections.Immutable;
using System.Globalization;
using Smi.Core.Compilation;
using Smi.ProxyConfig;
using Smi.ProxyConfig.Matching;

namespace Smi.Core.Explain;

/// <summary>
/// Answers "where did this request go, and why was it allowed or denied?" from a compile result:
/// it resolves the address as the caller's proxy does, walks that proxy's routes in order, lists
/// the chosen route's backends with their shares and endpoints, and evaluates each destination
/// identity's access rules as its inbound proxy would. Matches and access rules are evaluated by
/// the proxy's own evaluator (<see cref="HttpMatchSet"/>, <see cref="AccessRuleSet"/>). Pure.
/// </summary>
public static class MeshExplainer
{
    public static ExplainReport Explain(CompileResult result, ExplainRequest request)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(request);
        if (!result.Configs.TryGetValue(request.From, out var client))
        {
            return Fail(request, $"{request.From} is not a proxy identity of this mesh (no ServiceAccount in a meshed namespace and no pod with a proxy runs as it)");
        }

        var address = ServiceAddress.Parse(request.To, request.From.Namespace, client.Mesh.ClusterDomain);
        if (address is null)
        {
            return Fail(request, $"\"{request.To}\" is not a service address (use service[.namespace][:port])");
        }

        var path = request.Path.Split('?', 2)[0];
        var headers = new ExplainHeaders(request.Headers);
        var regexes = new RegexCache();

        var service = client.Outbound.Services.FirstOrDefault(s => s.Key == address.Service);
        var clusters = client.Outbound.Clusters.ToDictionary(c => c.Id, StringComparer.Ordinal);
        if (service is null)
        {
            // Not in the caller's config (no one behind it admits the caller): take the Service from
            // the catalog so that the destinations can say why they refuse.
            if (!result.Catalog.Services.TryGetValue(address.Service, out service))
            {
                return Fail(request, $"{address.Service} is not a service of the mesh (no such Service)") with { Service = address };
            }

            clusters = result.Catalog.Clusters.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        }

        var port = service.Ports.FirstOrDefault(p => p.Port == address.Port);
        if (port is null)
        {
            return Fail(request, $"{address.Service} has no port {address.Port} (ports: {string.Join(", ", service.Ports.Select(p => p.Port))})") with { Service = address };
        }

        var skipped = ImmutableArray.CreateBuilder<(string, string)>();
        OutboundRoute? chosen = null;
        string? matchedBy = null;
        foreach (var route in port.Routes)
        {
            var matches = HttpMatchSet.Compile(route.Matches, regexes);
            var by = matches.Find(request.Method, path, headers, out var reasons);
            if (matches.IsEmpty || by is not null)
            {
                chosen = route;
                matchedBy = by?.Origin;
                break;
            }

            skipped.Add((route.Name, string.Join("; ", reasons)));
        }

        var total = chosen!.Backends.Sum(b => b.Weight);
        var backends = chosen.Backends.Select(b =>
        {
            var cluster = clusters.GetValueOrDefault(b.Cluster);
            var endpoints = cluster?.Endpoints ?? [];
            var access = endpoints
                .Where(e => e.Identity is not null)
                .GroupBy(e => e.Identity!, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (g.Key, Decide(result, request, g.Key, g.First().Port, path, headers, regexes)))
                .ToImmutableArray();
            return new ExplainedBackend(b.Service, (double)b.Weight / total, endpoints, access);
        }).ToImmutableArray();

        var policy = port.Policies.FirstOrDefault(p => HttpMatchSet.Compile(p.Matches, regexes).Accepts(request.Method, path, headers));
        var clusterPolicies = chosen.Backends
            .Select(b => clusters.GetValueOrDefault(b.Cluster))
            .Where(c => c?.Resilience is not null)
            .Select(c => (c!.Id, c.Resilience!))
            .ToImmutableArray();
        var inbound = backends
            .SelectMany(b => b.Access.Select(a => (b.Service, a.Identity, Port: b.Endpoints.FirstOrDefault(e => e.Identity == a.Identity)?.Port)))
            .SelectMany(x => InboundPolicies(result, request, x.Service, x.Identity, clusters, chosen, path, headers, regexes))
            .ToImmutableArray();

        var denied = backends.Where(b => b.Access.Any(a => !a.Verdict.Allowed)).ToList();
        var empty = backends.Where(b => b.Endpoints.IsEmpty).ToList();
        var summary = (denied.Count, empty.Count) switch
        {
            (0, 0) => $"allowed: {request.Method} {path} to {address.Service}:{address.Port} takes route {chosen.Name} to {Shares(backends)}",
            (0, _) => $"no endpoints: {string.Join(", ", empty.Select(b => b.Service))} has no ready endpoint, so the proxy answers 503 for its share",
            _ when denied.Count == backends.Length => $"denied: {denied[0].Access.First(a => !a.Verdict.Allowed).Verdict.Reason}",
            _ => $"partly denied: {string.Join(", ", denied.Select(b => b.Service))} answer 403 for their share ({denied[0].Access.First(a => !a.Verdict.Allowed).Verdict.Reason})",
        };
        return new ExplainReport
        {
            Request = request,
            Summary = summary,
            Allowed = denied.Count == 0 && empty.Count == 0,
            Service = address,
            Route = chosen,
            MatchedBy = matchedBy,
            SkippedRoutes = skipped.ToImmutable(),
            Backends = backends,
            Policy = policy,
            ClusterPolicies = clusterPolicies,
            InboundPolicies = inbound,
        };
    }

    private static IEnumerable<ExplainedInboundPolicy> InboundPolicies(CompileResult result, ExplainRequest request, ServiceKey backendService, string identity, Dictionary<string, BackendCluster> clusters, OutboundRoute route, string path, ExplainHeaders headers, RegexCache regexes)
    {
        if (!ProxyIdentity.TryParse(identity, out var destination) || !result.Configs.TryGetValue(destination, out var config))
        {
            yield break;
        }

        var servicePort = route.Backends.Where(b => b.Service == backendService).Select(b => clusters.GetValueOrDefault(b.Cluster)?.Port).FirstOrDefault();
        foreach (var service in config.Inbound.Services.Where(s => s.Key == backendService))
        {
            foreach (var policy in service.Policies)
            {
                var portOk = policy.Port is null || policy.Port == servicePort;
                var matchOk = HttpMatchSet.Compile(policy.Matches, regexes).Accepts(request.Method, path, headers);
                if (portOk && matchOk)
                {
                    yield return new ExplainedInboundPolicy(identity, policy, [.. policy.RateLimits.Where(l => l.Sources.IsEmpty || l.Sources.Contains(request.From.Key))]);
                }
            }
        }
    }

    private static AccessVerdict Decide(CompileResult result, ExplainRequest request, string identity, int port, string path, ExplainHeaders headers, RegexCache regexes)
    {
        if (!ProxyIdentity.TryParse(identity, out var destination) || !result.Configs.TryGetValue(destination, out var config))
        {
            return new AccessVerdict(false, null, $"{identity} has no proxy configuration");
        }

        return AccessRuleSet.Compile(config.Inbound, regexes).Explain(destination, request.From.Key, port, request.Method, path, headers);
    }

    private static string Shares(ImmutableArray<ExplainedBackend> backends) =>
        string.Join(", ", backends.Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.Service} {b.Share * 100:0.##}%")));

    private static ExplainReport Fail(ExplainRequest request, string summary) => new() { Request = request, Summary = summary };
}
