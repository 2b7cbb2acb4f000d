using System.Collections.Immutable;
using System.Globalization;
using Smi.Api.Model;
using Smi.Core.Cluster;
using Smi.Core.Diagnostics;
using Smi.ProxyConfig;

namespace Smi.Core.Compilation;

/// <summary>
/// Compiles TrafficSplits into the ordered routes of every Service port (SPEC-NOTES §2, decisions in
/// docs/semantics.md):
/// <list type="bullet">
/// <item>the apex is the Service clients address, a split's <c>spec.service</c> (SMI's "root
/// service"); splits on one apex are ordered by creation time, then name; every split with
/// <c>matches</c> becomes a route taking the requests any of its HTTPRouteGroups' matches accept,
/// in that order;</item>
/// <item>at most one split without <c>matches</c> per apex: the oldest wins, the others are rejected
/// as conflicting. It takes every request no earlier route took; without it the apex Service's own
/// endpoints do (SMI: unmatched traffic goes to the root Service);</item>
/// <item>backends: zero weights, missing Services, Services without the apex's port number and
/// backends without ready endpoints are left out and the rest renormalised; when nothing is left
/// the apex Service's own endpoints take the route's traffic — never nowhere.</item>
/// </list>
/// </summary>
internal sealed class SplitCompiler(Topology topology, DiagnosticCollector diagnostics)
{
    /// <summary>Apex Service to the (ordered) accepted splits on it.</summary>
    public Dictionary<ServiceKey, List<TrafficSplit>> AcceptedByApex { get; } = [];

    /// <summary>
    /// Backend Service to the names of the apexes splitting to it (for inbound apex hosts): a
    /// split's apex and backends share its namespace, so a name says which Service it is.
    /// </summary>
    public Dictionary<ServiceKey, SortedSet<string>> ApexesOf { get; } = [];

    public void Resolve(IEnumerable<TrafficSplit> splits)
    {
        var byApex = splits
            .OrderBy(s => s.Metadata.CreationTimestamp ?? DateTimeOffset.MinValue)
            .ThenBy(s => s.Metadata.Namespace, StringComparer.Ordinal)
            .ThenBy(s => s.Metadata.Name, StringComparer.Ordinal)
            .GroupBy(s => new ServiceKey(s.Metadata.Namespace, s.Service));
        foreach (var group in byApex)
        {
            TrafficSplit? unconditional = null;
            foreach (var split in group)
            {
                diagnostics.Track(split);
                if (!Validate(split))
                {
                    continue;
                }

                if (!topology.Services.ContainsKey(group.Key))
                {
                    diagnostics.Unresolved(split, Reasons.RootServiceNotFound, $"Root Service {group.Key.Namespace}/{group.Key.Name} does not exist, so clients have nothing to address; create it (it keeps its own selector) or fix spec.service.");
                    diagnostics.Reject(split, Reasons.RootServiceNotFound, $"The split has no effect until its root Service {group.Key.Namespace}/{group.Key.Name} exists.");
                    continue;
                }

                if (split.Matches.IsDefaultOrEmpty)
                {
                    if (unconditional is not null)
                    {
                        diagnostics.Reject(split, Reasons.Conflict, $"TrafficSplit {unconditional.Metadata.Key} (older) already splits every request to Service {group.Key.Namespace}/{group.Key.Name}; only one split without matches may target a root Service. Add matches to this split or delete one of them.");
                        continue;
                    }

                    unconditional = split;
                }

                if (!AcceptedByApex.TryGetValue(group.Key, out var accepted))
                {
                    accepted = [];
                    AcceptedByApex[group.Key] = accepted;
                }

                accepted.Add(split);
                foreach (var backend in split.Backends)
                {
                    var backendKey = new ServiceKey(split.Metadata.Namespace, backend.Service);
                    if (!ApexesOf.TryGetValue(backendKey, out var apexes))
                    {
                        apexes = new SortedSet<string>(StringComparer.Ordinal);
                        ApexesOf[backendKey] = apexes;
                    }

                    apexes.Add(split.Service);
                }

                ReportBackendFacts(split);
            }
        }
    }

    /// <summary>Everything a Service's fragment depends on, for memoization.</summary>
    public Dependencies FragmentInputs(ServiceInfo service)
    {
        var inputs = new Dependencies().Add(service).AddRange(topology.ClustersOf(service));
        foreach (var split in AcceptedByApex.GetValueOrDefault(service.Key) ?? [])
        {
            inputs.Add(split);
            inputs.AddRange(split.Matches.Select(m => topology.RouteGroups.GetValueOrDefault($"{split.Metadata.Namespace}/{m.Name}")));
            foreach (var backend in split.Backends)
            {
                var backendService = topology.Services.GetValueOrDefault(new ServiceKey(split.Metadata.Namespace, backend.Service));
                inputs.Add(backendService);
                if (backendService is not null)
                {
                    inputs.AddRange(topology.ClustersOf(backendService));
                }
            }
        }

        return inputs;
    }

    /// <summary>
    /// The outbound view of a Service, the same for every client: its stream ports with their
    /// routes, the clusters those use and the identities behind them.
    /// </summary>
    public ServiceFragment BuildFragment(ServiceInfo service, IDiagnosticSink sink)
    {
        var ports = new List<OutboundPort>();
        var clusters = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var port in service.Ports.Where(p => Topology.IsStreamProtocol(p.Protocol)).OrderBy(p => p.Port))
        {
            if (ports.Any(p => p.Port == port.Port))
            {
                continue;
            }

            var protocol = PortProtocols.Of(port);
            var (routes, clusterIds) = RoutesFor(service, port, protocol, sink);
            clusters.UnionWith(clusterIds);
            ports.Add(new OutboundPort
            {
                Port = port.Port,
                Name = string.IsNullOrEmpty(port.Name) ? null : port.Name,
                Protocol = protocol,
                Routes = routes,
            });
        }

        var behind = clusters.SelectMany(id => topology.IdentitiesBehind(id)).Distinct().Order().ToImmutableArray();
        var outbound = new OutboundService
        {
            Namespace = service.Namespace,
            Name = service.Name,
            ClusterIp = service.ClusterIp is { Length: > 0 } ip && ip != "None" ? ip : null,
            ClusterIps = service.ClusterIp is { Length: > 0 } primary && primary != "None" && service.ClusterIps.Length > 1 ? service.ClusterIps : [],
            Ports = [.. ports],
        };
        return new ServiceFragment(service.Key, outbound, [.. clusters], behind);
    }

    /// <summary>The routes of one port of a Service, in evaluation order, and the clusters they use.</summary>
    private (ImmutableArray<OutboundRoute> Routes, IEnumerable<string> ClusterIds) RoutesFor(ServiceInfo service, ServicePortInfo port, string protocol, IDiagnosticSink sink)
    {
        var routes = new List<OutboundRoute>();
        var clusters = new SortedSet<string>(StringComparer.Ordinal);
        var apexCluster = Topology.ClusterId(service, port.Port);
        var hasCatchAll = false;
        // Splits with matches first (in creation order), then the one without: it takes whatever no
        // earlier route took, so it must never shadow a split with matches, whatever their ages.
        var splits = (AcceptedByApex.GetValueOrDefault(service.Key) ?? []).OrderBy(s => s.Matches.IsDefaultOrEmpty);
        foreach (var split in splits)
        {
            var conditional = !split.Matches.IsDefaultOrEmpty;
            var matches = ImmutableArray<HttpRouteMatch>.Empty;
            if (conditional)
            {
                if (protocol != AppProtocol.Http)
                {
                    // Matches are HTTP conditions: on an opaque TCP port nothing can satisfy them.
                    continue;
                }

                matches = ResolveMatches(split, sink);
                if (matches.IsEmpty)
                {
                    continue;
                }
            }

            var backends = WeightedBackends(split, service, port, apexCluster, sink);
            clusters.UnionWith(backends.Select(b => b.Cluster));
            routes.Add(new OutboundRoute
            {
                Name = $"split:{split.Metadata.Key}",
                Origins = [$"{SmiKinds.TrafficSplit} {split.Metadata.Key}"],
                Matches = matches,
                Backends = backends,
            });
            hasCatchAll |= !conditional;
        }

        if (!hasCatchAll)
        {
            clusters.Add(apexCluster);
            routes.Add(new OutboundRoute
            {
                Name = "default",
                Backends = [new WeightedBackend(service.Key, apexCluster, 1)],
            });
        }

        return ([.. routes], clusters);
    }

    private bool Validate(TrafficSplit split)
    {
        for (var i = 0; i < split.Backends.Length; i++)
        {
            if (split.Backends[i].Weight < 0)
            {
                diagnostics.Reject(split, Reasons.Invalid, $"spec.backends[{i}].weight: {split.Backends[i].Weight.ToString(CultureInfo.InvariantCulture)} is negative; weights are relative and must be 0 or more.");
            }
        }

        if (split.Backends.IsDefaultOrEmpty)
        {
            diagnostics.Reject(split, Reasons.Invalid, "spec.backends: a split needs at least one backend.");
        }

        return !diagnostics.IsRejected(split);
    }

    private void ReportBackendFacts(TrafficSplit split)
    {
        var total = split.Backends.Sum(b => b.Weight);
        if (total == 0)
        {
            diagnostics.Report(split, Severity.Warning, Reasons.ZeroTotalWeight, $"All backend weights are 0: traffic to {split.Service} goes to the root Service's own endpoints.");
        }

        foreach (var backend in split.Backends)
        {
            if (backend.Service == split.Service)
            {
                diagnostics.Report(split, Severity.Warning, Reasons.SelfReferential, $"Backend {backend.Service} is the root Service itself, whose selector usually spans every version; give each version its own backend Service.");
            }

            if (backend.Weight == 0 && total > 0)
            {
                diagnostics.Report(split, Severity.Info, Reasons.ZeroWeightBackend, $"Backend {backend.Service} has weight 0 and receives no traffic.");
            }
            else if (backend.Weight > 0 && !topology.Services.ContainsKey(new ServiceKey(split.Metadata.Namespace, backend.Service)))
            {
                diagnostics.Unresolved(split, Reasons.BackendNotFound, $"Backend Service {split.Metadata.Namespace}/{backend.Service} does not exist; its share goes to the other backends.");
            }
        }
    }

    private ImmutableArray<HttpRouteMatch> ResolveMatches(TrafficSplit split, IDiagnosticSink sink)
    {
        var matches = new List<HttpRouteMatch>();
        for (var i = 0; i < split.Matches.Length; i++)
        {
            var reference = split.Matches[i];
            if (reference.Kind != SmiKinds.HttpRouteGroup)
            {
                sink.Unresolved(split, Reasons.RouteNotFound, $"spec.matches[{i}]: kind {reference.Kind} is not supported; a TrafficSplit matches only HTTPRouteGroups.");
                continue;
            }

            var key = $"{split.Metadata.Namespace}/{reference.Name}";
            if (!topology.RouteGroups.TryGetValue(key, out var group))
            {
                sink.Unresolved(split, Reasons.RouteNotFound, $"spec.matches[{i}]: HTTPRouteGroup {key} does not exist; no request matches through it.");
                continue;
            }

            if (group.Matches.IsDefaultOrEmpty)
            {
                sink.Unresolved(split, Reasons.EmptyRouteGroup, $"spec.matches[{i}]: HTTPRouteGroup {key} has no matches (in v1alpha3+ they belong under spec.matches); no request matches through it.");
                continue;
            }

            foreach (var match in group.Matches)
            {
                var compiled = MatchCompiler.Compile(group, match);
                if (MatchCompiler.FindRegexError(compiled) is { } error)
                {
                    sink.Unresolved(split, Reasons.Invalid, $"HTTPRouteGroup {key} match {match.Name}: {error}; the match is ignored.");
                    continue;
                }

                matches.Add(compiled);
            }
        }

        if (matches.Count == 0)
        {
            sink.Report(split, Severity.Warning, Reasons.RouteNotFound, $"None of the split's matches resolve, so it applies to no request: traffic to {split.Service} is not split by it.");
        }

        return MatchCompiler.Sorted(matches);
    }

    private ImmutableArray<WeightedBackend> WeightedBackends(TrafficSplit split, ServiceInfo apex, ServicePortInfo port, string apexCluster, IDiagnosticSink sink)
    {
        var usable = new List<(ServiceKey Service, string Cluster, decimal Weight)>();
        foreach (var backend in split.Backends)
        {
            if (backend.Weight <= 0 || !topology.Services.TryGetValue(new ServiceKey(split.Metadata.Namespace, backend.Service), out var service))
            {
                continue;
            }

            var backendPort = service.Ports.FirstOrDefault(p => p.Port == port.Port && Topology.IsStreamProtocol(p.Protocol));
            if (backendPort is null)
            {
                sink.Unresolved(split, Reasons.BackendPortMismatch, $"Backend Service {service.ObjectName} has no port {port.Port} (root {apex.Name}'s port{PortName(port)}), so it receives no traffic for that port; ports are matched by number.");
                continue;
            }

            if (!topology.TryGetCluster(service, backendPort.Port, out var cluster) || cluster.Endpoints.IsEmpty)
            {
                sink.Report(split, Severity.Warning, Reasons.BackendHasNoEndpoints, $"Backend Service {service.ObjectName} has no ready endpoints on port {port.Port}; its share goes to the other backends until it has.");
                continue;
            }

            usable.Add((service.Key, cluster.Id, backend.Weight));
        }

        if (usable.Count == 0)
        {
            sink.Report(split, Severity.Warning, Reasons.FallbackToRootService, $"No backend can take traffic on port {port.Port}: requests go to the root Service {apex.ObjectName}'s own endpoints.");
            return [new WeightedBackend(apex.Key, apexCluster, 1)];
        }

        var weights = WeightReducer.Reduce([.. usable.Select(u => u.Weight)]);
        return [.. usable.Select((u, i) => new WeightedBackend(u.Service, u.Cluster, weights[i]))];
    }

    private static string PortName(ServicePortInfo port) => string.IsNullOrEmpty(port.Name) ? string.Empty : $" \"{port.Name}\"";
}
