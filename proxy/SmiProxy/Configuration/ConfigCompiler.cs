using System.Collections.Frozen;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Smi.ProxyConfig;
using SmiProxy.Authorization;
using SmiProxy.Hosting;
using SmiProxy.Resilience;
using SmiProxy.Routing;
using SmiProxy.Telemetry;
using Yarp.ReverseProxy.Configuration;

using InboundPolicy = SmiProxy.Authorization.InboundPolicy;

namespace SmiProxy.Configuration;

/// <summary>
/// Turns a validated document into a <see cref="CompiledConfig"/>, off the request path. It reuses
/// what it can from the config being served: compiled regexes, and the SWRR balancer of every route
/// whose backends and weights did not change (so a reload does not restart a split's sequence).
/// </summary>
internal static class ConfigCompiler
{
    /// <exception cref="ArgumentException">A regex or trust anchor the validator could not catch is unusable.</exception>
    public static CompiledConfig Compile(MeshProxyConfig document, string revision, string sourcePath, CompiledConfig? previous, SidecarProxyOptions options, DateTimeOffset now)
    {
        var regexes = new RegexCache(previous?.Regexes);
        var trustDomain = document.Mesh.TrustDomain;
        var clusterDomain = document.Mesh.ClusterDomain.TrimEnd('.');
        var ownNamespace = document.Identity.Namespace;

        var (outbound, clusterOverrides) = CompileOutbound(document, regexes, previous, ownNamespace, clusterDomain);
        var yarpClusters = new List<ClusterConfig> { YarpClusters.UnassignedCluster };
        foreach (var cluster in document.Outbound.Clusters)
        {
            clusterOverrides.TryGetValue(cluster.Id, out var routeOverride);
            yarpClusters.Add(YarpClusters.Outbound(cluster, ClusterResilience.Resolve(document.Defaults, routeOverride), trustDomain));
        }

        var inbound = CompileInbound(document.Inbound, regexes, clusterDomain, ExcludedAppPorts(options));
        var appPorts = inbound.ServedPorts.ToFrozenDictionary(port => port, port => new AppPortEntry(port, YarpClusters.App(options.AppAddress, port).ClusterId));
        yarpClusters.AddRange(inbound.ServedPorts.Order().Select(port => YarpClusters.App(options.AppAddress, port)));

        var workload = WorkloadInfo.Resolve(options, document.Identity.Namespace, document.Identity.ServiceAccount);
        return new CompiledConfig
        {
            Document = document,
            Revision = revision,
            SourcePath = sourcePath,
            Outbound = outbound,
            Inbound = inbound,
            AppPorts = appPorts,
            ExtraTrustAnchors = ParseTrustAnchors(document.Tls.TrustAnchorsPem),
            Local = LocalLabels.Create(document.Identity.Key, document.Identity.SpiffeId(trustDomain), workload),
            YarpClusters = yarpClusters,
            Regexes = regexes,
            TrustDomain = trustDomain,
            LoadedAt = now,
        };
    }

    private static (OutboundRoutingTable Table, Dictionary<string, ResilienceSettings> ClusterOverrides) CompileOutbound(
        MeshProxyConfig document, RegexCache regexes, CompiledConfig? previous, string ownNamespace, string clusterDomain)
    {
        var previousBalancers = previous?.Outbound.Routes.ToDictionary(r => r.BalancerKey, r => r.Balancer, StringComparer.Ordinal) ?? [];
        var backends = new Dictionary<string, BackendEntry>(StringComparer.Ordinal);
        var clusterServices = document.Outbound.Clusters.ToDictionary(c => c.Id, c => $"{c.Service}.{c.Namespace}", StringComparer.Ordinal);
        var clusterOverrides = new Dictionary<string, ResilienceSettings>(StringComparer.Ordinal);
        var services = new List<OutboundServiceEntry>();
        var byHost = new Dictionary<string, OutboundServiceEntry>(StringComparer.OrdinalIgnoreCase);

        foreach (var service in document.Outbound.Services)
        {
            var ports = new Dictionary<int, OutboundPortEntry>();
            foreach (var port in service.Ports)
            {
                var routes = new OutboundRouteEntry[port.Routes.Length];
                for (var r = 0; r < routes.Length; r++)
                {
                    var route = port.Routes[r];
                    var routeBackends = route.Backends.Select(b => backends.TryGetValue(b.Cluster, out var existing)
                        ? existing
                        : backends[b.Cluster] = new BackendEntry(clusterServices.GetValueOrDefault(b.Cluster, b.Service), YarpClusters.OutboundPrefix + b.Cluster)).ToArray();
                    var weights = route.Backends.Select(b => b.Weight).ToArray();
                    var key = $"{service.Namespace}/{service.Name}:{port.Port}/{route.Name}";
                    var balancer = previousBalancers.TryGetValue(key, out var kept) && kept.Weights.SequenceEqual(weights)
                        ? kept
                        : new SmoothWeightedRoundRobin(weights);
                    routes[r] = new OutboundRouteEntry(
                        route.Name,
                        key,
                        route.Matches.Select(m => CompileMatch(m, regexes)).ToArray(),
                        routeBackends,
                        balancer,
                        RouteResilience.Resolve(document.Defaults, route.Resilience));
                    if (route.Resilience is { } overrides)
                    {
                        foreach (var backend in route.Backends)
                        {
                            clusterOverrides.TryAdd(backend.Cluster, overrides);
                        }
                    }
                }

                ports[port.Port] = new OutboundPortEntry(port.Port, routes);
            }

            var entry = new OutboundServiceEntry(service.Name, service.Namespace, ports.ToFrozenDictionary());
            services.Add(entry);
            foreach (var alias in OutboundRoutingTable.HostAliases(service.Name, service.Namespace, ownNamespace, clusterDomain, NormalizeIp(service.ClusterIp)))
            {
                byHost.TryAdd(alias, entry);
            }
        }

        var denied = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in document.Outbound.DeniedServices)
        {
            var dot = key.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0 || dot == key.Length - 1)
            {
                continue;
            }

            foreach (var alias in OutboundRoutingTable.HostAliases(key[..dot], key[(dot + 1)..], ownNamespace, clusterDomain, clusterIp: null))
            {
                if (!byHost.ContainsKey(alias))
                {
                    denied.TryAdd(alias, key);
                }
            }
        }

        return (new OutboundRoutingTable(byHost.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), denied.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), services), clusterOverrides);
    }

    private static InboundPolicy CompileInbound(InboundConfig inbound, RegexCache regexes, string clusterDomain, IReadOnlySet<int> excludedPorts)
    {
        var servedPorts = inbound.Services.SelectMany(s => s.Ports).Select(p => p.TargetPort).Where(p => !excludedPorts.Contains(p)).ToFrozenSet();
        var byKey = new Dictionary<string, ServiceLabel>(StringComparer.Ordinal);
        var byHost = new Dictionary<string, ServiceLabel>(StringComparer.OrdinalIgnoreCase);
        var apexByService = new Dictionary<string, ServiceLabel>(StringComparer.Ordinal);

        void Add(string name, string ns, ServiceLabel label)
        {
            byKey.TryAdd(label.Key, label);
            foreach (var alias in OutboundRoutingTable.HostAliases(name, ns, ns, clusterDomain, clusterIp: null))
            {
                byHost.TryAdd(alias, label);
            }
        }

        foreach (var service in inbound.Services)
        {
            var label = ServiceLabel.Create(service.Name, service.Namespace, clusterDomain);
            Add(service.Name, service.Namespace, label);
            var apexes = service.ApexServices.Select(apex => ParseServiceKey(apex, service.Namespace)).ToArray();
            foreach (var (name, ns) in apexes)
            {
                Add(name, ns, ServiceLabel.Create(name, ns, clusterDomain));
            }

            if (apexes.Length == 1)
            {
                apexByService.TryAdd(label.Key, ServiceLabel.Create(apexes[0].Name, apexes[0].Namespace, clusterDomain));
            }
        }

        var rules = inbound.Rules.Select(rule => new AccessRuleEntry(
            rule.Origin,
            rule.Sources.ToFrozenSet(StringComparer.Ordinal),
            rule.Ports.IsDefaultOrEmpty ? null : rule.Ports.ToFrozenSet(),
            rule.HttpMatches.Select(m => CompileMatch(m, regexes)).ToArray(),
            rule.UdpOnly)).ToArray();

        return new InboundPolicy(inbound.Permissive, rules, servedPorts, byKey.ToFrozenDictionary(StringComparer.Ordinal), byHost.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), apexByService.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private static HttpMatcher CompileMatch(HttpRouteMatch match, RegexCache regexes) => new(
        match.Origin,
        match.PathRegex is { } path ? regexes.Get(path) : null,
        match.Methods.IsDefaultOrEmpty ? [] : match.Methods.Select(m => m.ToUpperInvariant()).ToArray(),
        match.Headers.IsDefaultOrEmpty ? [] : match.Headers.Select(h => (h.Name.ToLowerInvariant(), regexes.Get(h.ValueRegex))).ToArray());

    /// <summary>"name.namespace", or a bare name in <paramref name="defaultNamespace"/>.</summary>
    private static (string Name, string Namespace) ParseServiceKey(string key, string defaultNamespace)
    {
        var dot = key.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && dot < key.Length - 1 ? (key[..dot], key[(dot + 1)..]) : (key, defaultNamespace);
    }

    /// <summary>
    /// The proxy's own ports when the app shares their address: forwarding there would loop through
    /// the proxy, so they are never app ports.
    /// </summary>
    private static HashSet<int> ExcludedAppPorts(SidecarProxyOptions options)
    {
        var excluded = new HashSet<int>();
        foreach (var listener in new[] { options.OutboundEndpoint, options.InboundEndpoint, options.AdminEndpoint })
        {
            if (listener.Port != 0 && (listener.Address.Equals(IPAddress.Any) || listener.Address.Equals(IPAddress.IPv6Any) || listener.Address.Equals(options.AppAddress)))
            {
                excluded.Add(listener.Port);
            }
        }

        return excluded;
    }

    private static string? NormalizeIp(string? ip) => ip is not null && IPAddress.TryParse(ip, out var address) ? address.ToString() : ip;

    private static X509Certificate2Collection ParseTrustAnchors(string? pem)
    {
        var anchors = new X509Certificate2Collection();
        if (!string.IsNullOrWhiteSpace(pem))
        {
            try
            {
                anchors.ImportFromPem(pem);
            }
            catch (System.Security.Cryptography.CryptographicException ex)
            {
                throw new ArgumentException($"tls.trustAnchorsPem: not PEM certificates: {ex.Message}", nameof(pem), ex);
            }

            if (anchors.Count == 0)
            {
                throw new ArgumentException("tls.trustAnchorsPem: contains no CERTIFICATE block", nameof(pem));
            }
        }

        return anchors;
    }
}
