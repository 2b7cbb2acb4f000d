using System.Collections.Immutable;
using Smi.Api.Model;
using Smi.Core.Diagnostics;
using Smi.ProxyConfig;

namespace Smi.Core.Compilation.Policies;

/// <summary>
/// The TrafficPolicies of one compile, resolved and ordered, and what they add to the configs:
/// <see cref="OutboundPort.Policies"/> and mirror clusters on each target Service's fragment,
/// <see cref="BackendCluster.Resilience"/> on its clusters, <see cref="InboundService.Policies"/>
/// for the identities serving it. Patched fragments are memoized on the objects they derive from
/// (the fragment, the policies, their route groups, mirror Services and clusters), so unchanged
/// configs stay the same instances across compiles.
/// </summary>
internal sealed class PolicySet
{
    private readonly Topology _topology;
    private readonly CompileCache _cache;
    private readonly Dictionary<ServiceKey, ImmutableArray<ResolvedPolicy>> _byService;
    private readonly Dictionary<string, BackendCluster> _clusters = new(StringComparer.Ordinal);
    private readonly Dictionary<ServiceKey, ServiceFragment> _patched = [];

    public PolicySet(IEnumerable<TrafficPolicy> policies, Topology topology, DiagnosticCollector diagnostics, CompileCache cache)
    {
        _topology = topology;
        _cache = cache;
        _byService = PolicyResolver.Resolve(policies, topology, diagnostics);
        foreach (var (_, resolved) in _byService.OrderBy(e => e.Key))
        {
            foreach (var (policy, message) in PolicyMerger.Ignored(resolved))
            {
                diagnostics.Report(policy.Source, Severity.Warning, Reasons.Ignored, message);
            }

            var service = resolved[0].Target;
            foreach (var port in service.Ports)
            {
                if (PolicyMerger.Cluster(resolved, port.Port) is { } resilience && topology.TryGetCluster(service, port.Port, out var cluster))
                {
                    _clusters[cluster.Id] = cluster with { Resilience = resilience };
                }
            }
        }
    }

    /// <summary>The resolved policies of a Service, in precedence order (empty when none).</summary>
    public ImmutableArray<ResolvedPolicy> For(ServiceKey service) => _byService.GetValueOrDefault(service, []);

    /// <summary>A cluster as the configs carry it: with the load balancing and outlier settings of its Service's policies.</summary>
    public BackendCluster Cluster(string id) => _clusters.TryGetValue(id, out var cluster) ? cluster : _topology.Cluster(id);

    /// <summary>The inbound policies of a Service.</summary>
    public ImmutableArray<InboundPolicy> Inbound(ServiceKey service) =>
        _byService.TryGetValue(service, out var resolved) ? PolicyMerger.Inbound(resolved) : [];

    /// <summary>
    /// An object that changes whenever the policies of a Service (or what they resolve to) change:
    /// the patched fragment, or null when the Service has no policies. For memo dependencies.
    /// </summary>
    public object? Token(ServiceKey service) => _patched.GetValueOrDefault(service);

    /// <summary>The fragment with its Service's policies applied (the fragment itself when it has none).</summary>
    public ServiceFragment Apply(ServiceFragment fragment)
    {
        if (!_byService.TryGetValue(fragment.Key, out var resolved))
        {
            return fragment;
        }

        var inputs = new Dependencies().Add(fragment).Add(resolved[0].Target);
        foreach (var policy in resolved)
        {
            inputs.Add(policy.Source).Add(policy.Mirror);
            foreach (var reference in policy.Source.Matches)
            {
                inputs.Add(_topology.RouteGroups.GetValueOrDefault($"{policy.Source.Metadata.Namespace}/{reference.Name}"));
            }

            foreach (var port in fragment.Service.Ports)
            {
                inputs.Add(MirrorCluster(policy, port.Port));
            }
        }

        inputs.AddRange(resolved[0].Target.Ports.Select(p => _topology.TryGetCluster(resolved[0].Target, p.Port, out var c) ? c : null));
        var patched = _cache.PolicyFragments.GetOrCompute(fragment.Key, inputs, () => Patch(fragment, resolved));
        _patched[fragment.Key] = patched;
        return patched;
    }

    private BackendCluster? MirrorCluster(ResolvedPolicy policy, int port) =>
        policy.Mirror is { } mirror && _topology.TryGetCluster(mirror, policy.Values.MirrorPort ?? port, out var cluster) ? cluster : null;

    private ServiceFragment Patch(ServiceFragment fragment, ImmutableArray<ResolvedPolicy> resolved)
    {
        var clusterIds = new SortedSet<string>(fragment.ClusterIds, StringComparer.Ordinal);
        var ports = fragment.Service.Ports.Select(port =>
        {
            if (port.Protocol != AppProtocol.Http)
            {
                return port;
            }

            var policies = PolicyMerger.Outbound(resolved, port.Port);
            foreach (var mirror in policies.Select(p => p.Mirror).OfType<MirrorPolicy>())
            {
                clusterIds.Add(mirror.Cluster);
            }

            return policies.IsEmpty ? port : port with { Policies = policies };
        });
        return fragment with
        {
            Service = fragment.Service with { Ports = [.. ports] },
            ClusterIds = [.. clusterIds],
        };
    }
}
