using System.Collections.Immutable;

namespace Smi.ProxyConfig;

/// <summary>
/// Restores the contract's defaults after parsing. System.Text.Json's source generator sets every
/// init-only property in the object initializer, so a member missing from the JSON becomes
/// default(T) — null strings and objects, default (not empty) ImmutableArrays — instead of the
/// default the type declares. Documents the compiler writes carry every member, but hand-written
/// ones may omit optional members; those must mean "the default", never a crash. Null entries in
/// arrays and null required objects are reported as errors instead.
/// </summary>
internal static class ProxyConfigNormalizer
{
    public static MeshProxyConfig? Normalize(MeshProxyConfig config, out string? error)
    {
        var problems = new List<string>();
        if (config.Identity is null)
        {
            problems.Add("identity: missing");
        }

        if (config.Mesh is null)
        {
            problems.Add("mesh: missing");
        }

        if (config.Inbound is null)
        {
            problems.Add("inbound: missing");
        }

        if (config.Outbound is null)
        {
            problems.Add("outbound: missing");
        }

        if (problems.Count > 0)
        {
            error = string.Join("; ", problems);
            return null;
        }

        var normalized = config with
        {
            Revision = config.Revision ?? string.Empty,
            Mesh = config.Mesh! with
            {
                TrustDomain = config.Mesh.TrustDomain ?? new MeshSettings().TrustDomain,
                ClusterDomain = config.Mesh.ClusterDomain ?? new MeshSettings().ClusterDomain,
            },
            Inbound = Inbound(config.Inbound!, problems),
            Outbound = Outbound(config.Outbound!, problems),
            Tls = config.Tls ?? new TlsSettings(),
            Defaults = config.Defaults ?? ResilienceSettings.Default,
        };

        error = problems.Count > 0 ? string.Join("; ", problems) : null;
        return problems.Count > 0 ? null : normalized;
    }

    private static InboundConfig Inbound(InboundConfig inbound, List<string> problems) => inbound with
    {
        Services = Each(inbound.Services, "inbound.services", problems, s => s with
        {
            ApexServices = OrEmpty(s.ApexServices),
            Ports = NoNulls(s.Ports, "inbound.services[].ports", problems),
            Policies = Each(s.Policies, "inbound.services[].policies", problems, p => p with
            {
                Origins = NoNulls(p.Origins, "inbound.services[].policies[].origins", problems),
                Matches = Matches(p.Matches, "inbound.services[].policies[].matches", problems),
                RateLimits = Each(p.RateLimits, "inbound.services[].policies[].rateLimits", problems, r => r with
                {
                    Sources = NoNulls(r.Sources, "inbound.services[].policies[].rateLimits[].sources", problems),
                }),
            }),
        }),
        Rules = Each(inbound.Rules, "inbound.rules", problems, r => r with
        {
            Ports = OrEmpty(r.Ports),
            UdpPorts = OrEmpty(r.UdpPorts),
            HttpMatches = Matches(r.HttpMatches, "inbound.rules[].httpMatches", problems),
        }),
    };

    private static OutboundConfig Outbound(OutboundConfig outbound, List<string> problems) => outbound with
    {
        Services = Each(outbound.Services, "outbound.services", problems, s => s with
        {
            Ports = Each(s.Ports, "outbound.services[].ports", problems, p => p with
            {
                Protocol = p.Protocol ?? AppProtocol.Http,
                Routes = p.Routes.IsDefault ? p.Routes : Each(p.Routes, "outbound.services[].ports[].routes", problems, r => r with
                {
                    Origins = OrEmpty(r.Origins),
                    Matches = Matches(r.Matches, "outbound.services[].ports[].routes[].matches", problems),
                    Backends = r.Backends.IsDefault ? r.Backends : NoNulls(r.Backends, "outbound.services[].ports[].routes[].backends", problems),
                }),
                Policies = Each(p.Policies, "outbound.services[].ports[].policies", problems, o => o with
                {
                    Origins = NoNulls(o.Origins, "outbound.services[].ports[].policies[].origins", problems),
                    Matches = Matches(o.Matches, "outbound.services[].ports[].policies[].matches", problems),
                }),
            }),
        }),
        Clusters = Each(outbound.Clusters, "outbound.clusters", problems, c => c with
        {
            Endpoints = NoNulls(c.Endpoints, "outbound.clusters[].endpoints", problems),
        }),
        DeniedServices = OrEmpty(outbound.DeniedServices),
    };

    private static ImmutableArray<HttpRouteMatch> Matches(ImmutableArray<HttpRouteMatch> matches, string path, List<string> problems) =>
        Each(matches, path, problems, m => m with
        {
            Methods = NoNulls(m.Methods, path + "[].methods", problems),
            Headers = NoNulls(m.Headers, path + "[].headers", problems),
        });

    private static ImmutableArray<T> Each<T>(ImmutableArray<T> items, string path, List<string> problems, Func<T, T> normalize)
        where T : class =>
        NoNulls(items, path, problems).Select(normalize).ToImmutableArray();

    private static ImmutableArray<T> NoNulls<T>(ImmutableArray<T> items, string path, List<string> problems)
        where T : class
    {
        if (items.IsDefault)
        {
            return [];
        }

        if (items.Any(item => item is null))
        {
            problems.Add($"{path}: an entry is null");
            return [.. items.Where(item => item is not null)];
        }

        return items;
    }

    private static ImmutableArray<T> OrEmpty<T>(ImmutableArray<T> items) => items.IsDefault ? [] : items;
}
