using System.Collections.Immutable;
using Smi.ProxyConfig;

namespace Smi.Core.Compilation;

/// <summary>
/// Assembles one identity's config from the shared pieces: its inbound side (services served,
/// access rules, permissive or not) and the fragments of every Service it can reach. A Service is
/// reachable when nothing meshed stands behind it (plain endpoints, or none), or when at least one
/// identity behind it admits this one (permissive namespace, or a TrafficTarget naming it).
/// Scoping outbound to reachable Services keeps configs small in deny-by-default meshes.
/// </summary>
internal sealed class ConfigAssembler
{
    private readonly Topology _topology;
    private readonly SplitCompiler _splits;
    private readonly AccessCompiler _access;
    private readonly ImmutableArray<ServiceFragment> _public;
    private readonly Dictionary<ProxyIdentity, List<ServiceFragment>> _behind = [];
    private readonly Dictionary<string, List<ServiceFragment>> _protectedByNamespace = new(StringComparer.Ordinal);

    public ConfigAssembler(Topology topology, SplitCompiler splits, AccessCompiler access, IEnumerable<ServiceFragment> fragments)
    {
        _topology = topology;
        _splits = splits;
        _access = access;
        var publicFragments = new List<ServiceFragment>();
        foreach (var fragment in fragments)
        {
            if (fragment.Behind.IsEmpty || fragment.Behind.Any(d => topology.IsPermissive(d.Namespace)))
            {
                publicFragments.Add(fragment);
                continue;
            }

            foreach (var identity in fragment.Behind)
            {
                AddTo(_behind, identity, fragment);
            }

            AddTo(_protectedByNamespace, fragment.Service.Namespace, fragment);
        }

        _public = [.. publicFragments];
    }

    public MeshProxyConfig Assemble(ProxyIdentity identity)
    {
        var reachable = new SortedDictionary<string, ServiceFragment>(StringComparer.Ordinal);
        foreach (var fragment in _public)
        {
            reachable[fragment.Key] = fragment;
        }

        foreach (var destination in _access.DestinationsOf(identity))
        {
            foreach (var fragment in _behind.GetValueOrDefault(destination) ?? [])
            {
                reachable[fragment.Key] = fragment;
            }
        }

        var clusterIds = new SortedSet<string>(reachable.Values.SelectMany(f => f.ClusterIds), StringComparer.Ordinal);
        var denied = (_protectedByNamespace.GetValueOrDefault(identity.Namespace) ?? [])
            .Where(f => !reachable.ContainsKey(f.Key))
            .Select(f => $"{f.Service.Name}.{f.Service.Namespace}")
            .Order(StringComparer.Ordinal);

        return ProxyConfigSerializer.WithRevision(new MeshProxyConfig
        {
            Identity = identity,
            Mesh = new MeshSettings { TrustDomain = _topology.Mesh.TrustDomain, ClusterDomain = _topology.Mesh.ClusterDomain },
            Inbound = new InboundConfig
            {
                Permissive = _topology.IsPermissive(identity.Namespace),
                Services = Served(identity),
                Rules = [.. _access.RulesFor(identity).OrderBy(r => r.Origin, StringComparer.Ordinal)],
            },
            Outbound = new OutboundConfig
            {
                Services = [.. reachable.Values.Select(f => f.Service)],
                Clusters = [.. clusterIds.Select(_topology.Cluster)],
                DeniedServices = [.. denied],
            },
        });
    }

    private ImmutableArray<InboundService> Served(ProxyIdentity identity) =>
    [
        .. _topology.ServedBy(identity).Select(s => new InboundService
        {
            Namespace = s.Service.Namespace,
            Name = s.Service.Name,
            ApexServices = [.. _splits.ApexesOf.GetValueOrDefault(s.Service.Key) ?? []],
            Ports = [.. s.Ports.Select(p => new ServicePortMapping(p.Port, p.TargetPort, string.IsNullOrEmpty(p.Name) ? null : p.Name, p.Protocol))],
        }),
    ];

    private static void AddTo<TKey>(Dictionary<TKey, List<ServiceFragment>> index, TKey key, ServiceFragment fragment)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list))
        {
            list = [];
            index[key] = list;
        }

        list.Add(fragment);
    }
}
