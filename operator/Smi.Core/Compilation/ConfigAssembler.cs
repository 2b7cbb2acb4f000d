using System.Collections.Immutable;
using Smi.Core.Cluster;
using Smi.Core.Compilation.Policies;
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
    private readonly PolicySet _policies;
    private readonly CompileCache _cache;
    private readonly ImmutableArray<ServiceFragment> _public;
    private readonly Dictionary<ProxyIdentity, List<ServiceFragment>> _behind = [];
    private readonly ImmutableArray<ServiceKey> _protected;

    public ConfigAssembler(Topology topology, SplitCompiler splits, AccessCompiler access, PolicySet policies, IEnumerable<ServiceFragment> fragments, CompileCache cache)
    {
        _policies = policies;
        _topology = topology;
        _splits = splits;
        _access = access;
        _cache = cache;
        var publicFragments = new List<ServiceFragment>();
        var protectedFragments = new List<ServiceFragment>();
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

            protectedFragments.Add(fragment);
        }

        // Shared lists are memoized too, so that an identity whose inputs did not change is
        // recognised by a handful of reference comparisons, not one per Service in the mesh.
        _public = cache.FragmentLists.GetOrCompute("public", new Dependencies().AddRange(publicFragments), () => [.. publicFragments]);

        // The denied list depends only on which Services are protected, not on their content. It is
        // mesh-wide: a caller denied a Service gets the same answer (403) whatever its namespace.
        var keys = protectedFragments.Select(f => f.Key).Distinct().ToList();
        _protected = cache.KeyLists.GetOrCompute("protected", new Dependencies().AddKeys(keys), () => [.. keys]);
    }

    public MeshProxyConfig Assemble(ProxyIdentity identity)
    {
        var destinations = new SortedDictionary<ServiceKey, ServiceFragment>();
        foreach (var destination in _access.DestinationsOf(identity))
        {
            foreach (var fragment in _behind.GetValueOrDefault(destination) ?? [])
            {
                destinations[fragment.Key] = fragment;
            }
        }

        var protectedServices = _protected;
        var permissive = _topology.IsPermissive(identity.Namespace);
        var served = _topology.ServedBy(identity);
        var rules = _access.RulesFor(identity).OrderBy(r => r.Origin, StringComparer.Ordinal).ToImmutableArray();
        var accessLog = MeshConventions.IsAccessLogged(_topology.Namespaces.GetValueOrDefault(identity.Namespace), _topology.Mesh);

        var inputs = new Dependencies()
            .Add(permissive)
            .Add(accessLog)
            .Add(_topology.Mesh.TrustDomain)
            .Add(_topology.Mesh.ClusterDomain)
            .AddRange(rules)
            .Add(_public)
            .Add(protectedServices)
            .AddRange(destinations.Values);
        inputs.Add(served);
        foreach (var service in served.Services)
        {
            inputs.AddRange(_splits.ApexesOf.GetValueOrDefault(service.Service.Key) ?? []);
            inputs.Add(_policies.Token(service.Service.Key));
        }

        // An equal revision means equal content: keep the instance the writers already have.
        return _cache.Configs.GetOrCompute(identity, inputs, () => Build(identity, permissive, accessLog, served, rules, destinations, protectedServices), static (a, b) => a.Revision == b.Revision);
    }

    private MeshProxyConfig Build(
        ProxyIdentity identity,
        bool permissive,
        bool accessLog,
        ServedServices served,
        ImmutableArray<AccessRule> rules,
        SortedDictionary<ServiceKey, ServiceFragment> destinations,
        ImmutableArray<ServiceKey> protectedServices)
    {
        var reachable = new SortedDictionary<ServiceKey, ServiceFragment>(destinations);
        foreach (var fragment in _public)
        {
            reachable[fragment.Key] = fragment;
        }

        var clusterIds = new SortedSet<string>(reachable.Values.SelectMany(f => f.ClusterIds), StringComparer.Ordinal);
        return ProxyConfigSerializer.WithRevision(new MeshProxyConfig
        {
            Identity = identity,
            AccessLog = accessLog,
            Mesh = new MeshSettings
            {
                TrustDomain = _topology.Mesh.TrustDomain,
                ClusterDomain = _topology.Mesh.ClusterDomain,
                OutboundTrafficPolicy = _topology.Mesh.RegistryOnly ? OutboundTrafficPolicies.RegistryOnly : null,
            },
            Inbound = new InboundConfig
            {
                Permissive = permissive,
                Services = [.. served.Services.Select(s => new InboundService
                {
                    Namespace = s.Service.Namespace,
                    Name = s.Service.Name,
                    ApexServices = [.. _splits.ApexesOf.GetValueOrDefault(s.Service.Key) ?? []],
                    Ports = [.. s.Ports.Select(p => new ServicePortMapping(p.Port, p.TargetPort, string.IsNullOrEmpty(p.Name) ? null : p.Name, p.Protocol))],
                    Policies = _policies.Inbound(s.Service.Key),
                })],
                Rules = rules,
            },
            Outbound = new OutboundConfig
            {
                Services = [.. reachable.Values.Select(f => f.Service)],
                Clusters = [.. clusterIds.Select(_policies.Cluster)],
                DeniedServices = [.. protectedServices.Where(key => !reachable.ContainsKey(key)).OrderBy(key => key.ToString(), StringComparer.Ordinal)],
            },
        });
    }

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
