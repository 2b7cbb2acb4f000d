using System.Collections.Frozen;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Smi.ProxyConfig;
using Smi.ProxyConfig.Matching;
using SmiProxy.Clusters;
using SmiProxy.Inbound;
using SmiProxy.Policies;
using SmiProxy.Resilience;
using SmiProxy.Routing;
using SmiProxy.Settings;
using SmiProxy.Telemetry;
using Yarp.ReverseProxy.Configuration;

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
            // A TrafficPolicy on the Service itself wins over a route's overrides, field by field.
            var merged = cluster.Resilience is { } own ? Merge(own, routeOverride) : routeOverride;
            yarpClusters.Add(YarpClusters.Outbound(cluster, ClusterResilience.Resolve(document.Defaults, merged), trustDomain));
        }

        var inbound = CompileInbound(document.Inbound, clusterDomain, ExcludedAppPorts(options));
        var appPorts = inbound.ServedPorts.ToFrozenDictionary(port => port, port => new AppPortEntry(port, YarpClusters.App(options.AppAddress, port).ClusterId));
        yarpClusters.AddRange(inbound.ServedPorts.Order().Select(port => YarpClusters.App(options.AppAddress, port)));

        var workload = WorkloadInfo.Resolve(options, document.Identity.Namespace, document.Identity.ServiceAccount);
        return new CompiledConfig
        {
            Document = document,
            Revision = revision,
            SourcePath = sourcePath,
            Outbound = outbound,
            Access = AccessRuleSet.Compile(document.Inbound, regexes),
            Inbound = inbound,
            InboundPolicies = CompileInboundPolicies(document.Inbound, regexes),
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
        var clusterServices = document.Outbound.Clusters.ToDictionary(c => c.Id, c => c.ServiceKey, StringComparer.Ordinal);
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
                        HttpMatchSet.Compile(route.Matches, regexes),
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

                var policies = port.Policies.Select(p => CompileOutboundPolicy(p, document, regexes, backends, clusterServices)).ToArray();
                ports[port.Port] = new OutboundPortEntry(port.Port, routes, policies, port.Protocol);
            }

            var entry = new OutboundServiceEntry(service.Key, ports.ToFrozenDictionary());
            services.Add(entry);
            foreach (var alias in OutboundRoutingTable.HostAliases(service.Key, ownNamespace, clusterDomain, NormalizeIp(service.ClusterIp)))
            {
                byHost.TryAdd(alias, entry);
            }

            foreach (var extra in service.ClusterIps.IsDefaultOrEmpty ? [] : service.ClusterIps)
            {
                if (NormalizeIp(extra) is { } address)
                {
                    byHost.TryAdd(address, entry);
                }
            }
        }

        var denied = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in document.Outbound.DeniedServices)
        {
            var text = key.ToString();
            foreach (var alias in OutboundRoutingTable.HostAliases(key, ownNamespace, clusterDomain, clusterIp: null))
            {
                if (!byHost.ContainsKey(alias))
                {
                    denied.TryAdd(alias, text);
                }
            }
        }

        var destinations = DestinationIndex.Build(document, services.ToDictionary(s => s.Service));
        return (new OutboundRoutingTable(byHost.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), denied.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), services, destinations), clusterOverrides);
    }

    private static InboundServices CompileInbound(InboundConfig inbound, string clusterDomain, IReadOnlySet<int> excludedPorts)
    {
        var servedPorts = inbound.Services.SelectMany(s => s.Ports).Select(p => p.TargetPort).Where(p => !excludedPorts.Contains(p)).ToFrozenSet();
        var byKey = new Dictionary<string, ServiceLabel>(StringComparer.Ordinal);
        var byHost = new Dictionary<string, ServiceLabel>(StringComparer.OrdinalIgnoreCase);
        var apexByService = new Dictionary<string, ServiceLabel>(StringComparer.Ordinal);

        void Add(ServiceKey service, ServiceLabel label)
        {
            byKey.TryAdd(label.Key, label);
            foreach (var alias in OutboundRoutingTable.HostAliases(service, service.Namespace, clusterDomain, clusterIp: null))
            {
                byHost.TryAdd(alias, label);
            }
        }

        foreach (var service in inbound.Services)
        {
            var label = ServiceLabel.Create(service.Key, clusterDomain);
            Add(service.Key, label);
            var apexes = service.ApexServices.Select(apex => ServiceKey.Parse(apex, service.Namespace)).ToArray();
            foreach (var apex in apexes)
            {
                Add(apex, ServiceLabel.Create(apex, clusterDomain));
            }

            if (apexes.Length == 1)
            {
                apexByService.TryAdd(label.Key, ServiceLabel.Create(apexes[0], clusterDomain));
            }
        }

        return new InboundServices(servedPorts, byKey.ToFrozenDictionary(StringComparer.Ordinal), byHost.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), apexByService.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private static OutboundPolicyEntry CompileOutboundPolicy(OutboundPolicy policy, MeshProxyConfig document, RegexCache regexes, Dictionary<string, BackendEntry> backends, Dictionary<string, ServiceKey> clusterServices)
    {
        MirrorEntry? mirror = null;
        if (policy.Mirror is { } m)
        {
            var backend = backends.TryGetValue(m.Cluster, out var existing)
                ? existing
                : backends[m.Cluster] = new BackendEntry(clusterServices.GetValueOrDefault(m.Cluster, m.Service), YarpClusters.OutboundPrefix + m.Cluster);
            mirror = new MirrorEntry(backend, m.Percent, m.MaxConcurrent);
        }

        return new OutboundPolicyEntry(
            string.Join(", ", policy.Origins),
            HttpMatchSet.Compile(policy.Matches, regexes),
            mirror,
            policy.Fault,
            policy.Resilience is { } resilience ? RouteResilience.Resolve(document.Defaults, resilience) : null,
            policy.RetryBudgetPercent is { } budget ? new RetryBudget(budget) : null,
            policy.AccessLog);
    }

    private static FrozenDictionary<string, InboundPolicyEntry[]> CompileInboundPolicies(InboundConfig inbound, RegexCache regexes)
    {
        var result = new Dictionary<string, InboundPolicyEntry[]>(StringComparer.Ordinal);
        foreach (var service in inbound.Services.Where(s => !s.Policies.IsDefaultOrEmpty))
        {
            result[service.Key.ToString()] = service.Policies.Select(p => new InboundPolicyEntry(
                string.Join(", ", p.Origins),
                p.Port is { } port ? service.Ports.Where(x => x.Port == port).Select(x => x.TargetPort).ToFrozenSet() : null,
                HttpMatchSet.Compile(p.Matches, regexes),
                [.. p.RateLimits],
                p.AccessLog)).ToArray();
        }

        return result.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Field-by-field: <paramref name="first"/>'s set fields win over <paramref name="second"/>'s.</summary>
    private static ResilienceSettings Merge(ResilienceSettings first, ResilienceSettings? second) => second is null ? first : new ResilienceSettings
    {
        RequestTimeoutMs = first.RequestTimeoutMs ?? second.RequestTimeoutMs,
        ConnectTimeoutMs = first.ConnectTimeoutMs ?? second.ConnectTimeoutMs,
        RetryAttempts = first.RetryAttempts ?? second.RetryAttempts,
        OutlierConsecutiveFailures = first.OutlierConsecutiveFailures ?? second.OutlierConsecutiveFailures,
        OutlierEjectionMs = first.OutlierEjectionMs ?? second.OutlierEjectionMs,
        LoadBalancing = first.LoadBalancing ?? second.LoadBalancing,
    };

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
