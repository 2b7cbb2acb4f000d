using System.Collections.Immutable;
using Smi.Api.Model;
using Smi.Core.Cluster;
using Smi.ProxyConfig;

namespace Smi.Core.Compilation;

/// <summary>
/// The snapshot indexed for compilation: lookups by key, the endpoints of every Service port
/// (a <see cref="BackendCluster"/>), which identities stand behind each cluster, and which Service
/// ports each identity serves. Built once per compile; read-only afterwards.
/// </summary>
internal sealed class Topology
{
    private readonly Dictionary<string, ClusterEntry> _clusters = new(StringComparer.Ordinal);
    private readonly Dictionary<ProxyIdentity, ServedServices> _served = [];
    private readonly Dictionary<ServiceKey, List<ClusterEntry>> _byService = [];

    public Topology(ClusterSnapshot snapshot, CompileCache cache)
    {
        var servedParts = new Dictionary<ProxyIdentity, List<(ServiceInfo Service, ServicePortInfo Port, ClusterEntry Entry)>>();
        Mesh = snapshot.Mesh;
        // Keys are unique in every real source (informer caches, the local loader); tolerate
        // duplicates anyway rather than crash: the first one wins.
        Namespaces = cache.Namespaces.Get(snapshot.Namespaces, a => Index(a, n => n.Name, StringComparer.Ordinal));
        Services = cache.Services.Get(snapshot.Services, a => Index(a, s => s.Key, EqualityComparer<ServiceKey>.Default));
        Pods = cache.Pods.Get(snapshot.Pods, a =>
        {
            var pods = new Dictionary<(string Namespace, string Name), PodInfo>(a.Length);
            foreach (var pod in a)
            {
                pods.TryAdd((pod.Namespace, pod.Name), pod);
            }

            return pods;
        });
        RouteGroups = cache.RouteGroups.Get(snapshot.HttpRouteGroups, a => Index(a, g => g.Metadata.Key, StringComparer.Ordinal));
        L4Routes = cache.L4Routes.Get(snapshot.L4Routes, a => Index(a, r => $"{r.Kind} {r.Metadata.Key}", StringComparer.Ordinal));
        var slices = GroupSlices(snapshot.EndpointSlices);

        foreach (var service in Services.Values)
        {
            var serviceSlices = slices.TryGetValue((service.Namespace, service.Name), out var range) ? range : ArraySegment<EndpointSliceInfo>.Empty;
            var owned = new List<ClusterEntry>(service.Ports.Length);
            foreach (var port in service.Ports)
            {
                if (!IsStreamProtocol(port.Protocol))
                {
                    continue;
                }

                var id = ClusterId(service, port.Port);
                if (_clusters.ContainsKey(id))
                {
                    continue;
                }

                var inputs = new Dependencies().Add(service).Add(port.Port).Add(Mesh.DefaultInboundPort).AddRange<EndpointSliceInfo>(serviceSlices.AsSpan());
                foreach (var slice in serviceSlices)
                {
                    foreach (var endpoint in slice.Endpoints)
                    {
                        inputs.Add(endpoint.PodName is { } name ? Pods.GetValueOrDefault((slice.Namespace, name)) : null);
                    }

                    inputs.Add(slice.Endpoints.Length);
                }

                var entry = cache.Clusters.GetOrCompute(id, inputs, () => BuildCluster(service, port, serviceSlices));
                _clusters[id] = entry;
                owned.Add(entry);
                foreach (var (identity, _) in entry.Served)
                {
                    if (!servedParts.TryGetValue(identity, out var parts))
                    {
                        parts = [];
                        servedParts[identity] = parts;
                    }

                    if (parts.Count == 0 || !ReferenceEquals(parts[^1].Entry, entry))
                    {
                        parts.Add((service, port, entry));
                    }
                }
            }

            _byService[service.Key] = owned;
        }

        foreach (var (identity, parts) in servedParts)
        {
            var inputs = new Dependencies();
            foreach (var part in parts)
            {
                inputs.Add(part.Service).Add(part.Entry);
            }

            _served[identity] = cache.Served.GetOrCompute(identity, inputs, () => BuildServed(identity, parts), static (a, b) => a.SameAs(b));
        }

        var podIdentities = cache.PodIdentities.Get(snapshot.Pods, a => [.. a.Where(p => p.HasProxy).Select(p => new ProxyIdentity(p.Namespace, p.ServiceAccount)).Distinct()]);
        Identities = BuildIdentities(snapshot.ServiceAccounts, podIdentities);
    }

    public MeshOptions Mesh { get; }

    public IReadOnlyDictionary<string, NamespaceInfo> Namespaces { get; }

    public IReadOnlyDictionary<ServiceKey, ServiceInfo> Services { get; }

    public IReadOnlyDictionary<(string Namespace, string Name), PodInfo> Pods { get; }

    public IReadOnlyDictionary<string, HttpRouteGroup> RouteGroups { get; }

    public IReadOnlyDictionary<string, L4Route> L4Routes { get; }

    /// <summary>Every proxy identity: ServiceAccounts in meshed namespaces and those of pods with a proxy, sorted.</summary>
    public ImmutableArray<ProxyIdentity> Identities { get; }

    public static string ClusterId(ServiceInfo service, int port) => $"{service.Namespace}/{service.Name}:{port}";

    public static bool IsStreamProtocol(string protocol) => string.Equals(protocol, "TCP", StringComparison.OrdinalIgnoreCase);

    public BackendCluster Cluster(string id) => _clusters[id].Cluster;

    public bool TryGetCluster(ServiceInfo service, int port, out BackendCluster cluster)
    {
        var found = _clusters.TryGetValue(ClusterId(service, port), out var entry);
        cluster = entry?.Cluster!;
        return found;
    }

    /// <summary>Meshed identities of the ready endpoints of a cluster (sorted).</summary>
    public ImmutableArray<ProxyIdentity> IdentitiesBehind(string clusterId) =>
        _clusters.TryGetValue(clusterId, out var entry) ? entry.Identities : [];

    /// <summary>The memoized clusters of a Service (one per stream port), for dependency tracking.</summary>
    public IEnumerable<BackendCluster> ClustersOf(ServiceInfo service)
    {
        if (_byService.TryGetValue(service.Key, out var entries))
        {
            foreach (var entry in entries)
            {
                yield return entry.Cluster;
            }

            yield break;
        }

        foreach (var port in service.Ports)
        {
            if (_clusters.TryGetValue(ClusterId(service, port.Port), out var entry))
            {
                yield return entry.Cluster;
            }
        }
    }

    public bool IsMeshedNamespace(string ns) => MeshConventions.IsMeshed(Namespaces.GetValueOrDefault(ns), Mesh);

    public bool IsPermissive(string ns) => MeshConventions.IsPermissive(Namespaces.GetValueOrDefault(ns), Mesh);

    /// <summary>The Services and ports an identity's pods serve, whether ready or not.</summary>
    public ServedServices ServedBy(ProxyIdentity identity) => _served.GetValueOrDefault(identity, ServedServices.None);

    /// <summary>
    /// The slices of each Service, sorted by name: one sorted copy of the array and a range per
    /// Service, instead of a list per Service on every compile.
    /// </summary>
    private static Dictionary<(string Namespace, string Service), ArraySegment<EndpointSliceInfo>> GroupSlices(ImmutableArray<EndpointSliceInfo> slices)
    {
        var sorted = slices.ToArray();
        Array.Sort(sorted, static (a, b) =>
        {
            var c = string.CompareOrdinal(a.Namespace, b.Namespace);
            c = c != 0 ? c : string.CompareOrdinal(a.ServiceName, b.ServiceName);
            return c != 0 ? c : string.CompareOrdinal(a.Name, b.Name);
        });
        var ranges = new Dictionary<(string, string), ArraySegment<EndpointSliceInfo>>();
        var start = 0;
        for (var i = 1; i <= sorted.Length; i++)
        {
            if (i == sorted.Length || sorted[i].Namespace != sorted[start].Namespace || sorted[i].ServiceName != sorted[start].ServiceName)
            {
                ranges[(sorted[start].Namespace, sorted[start].ServiceName)] = new ArraySegment<EndpointSliceInfo>(sorted, start, i - start);
                start = i;
            }
        }

        return ranges;
    }

    private static Dictionary<TKey, T> Index<TKey, T>(IEnumerable<T> items, Func<T, TKey> key, IEqualityComparer<TKey> comparer)
        where TKey : notnull
    {
        var index = new Dictionary<TKey, T>(comparer);
        foreach (var item in items)
        {
            index.TryAdd(key(item), item);
        }

        return index;
    }

    private ClusterEntry BuildCluster(ServiceInfo service, ServicePortInfo port, ArraySegment<EndpointSliceInfo> slices)
    {
        var endpoints = new SortedDictionary<(string Address, int Port), Endpoint>(AddressPortComparer.Instance);
        var identities = new SortedSet<ProxyIdentity>();
        var served = new HashSet<(ProxyIdentity, int)>();
        foreach (var slice in slices)
        {
            var slicePort = slice.Ports.FirstOrDefault(p =>
                string.Equals(p.Name ?? string.Empty, port.Name ?? string.Empty, StringComparison.Ordinal)
                && string.Equals(p.Protocol, port.Protocol, StringComparison.OrdinalIgnoreCase));
            if (slicePort is null)
            {
                continue;
            }

            foreach (var endpoint in slice.Endpoints)
            {
                var pod = endpoint.PodName is { } podName ? Pods.GetValueOrDefault((slice.Namespace, podName)) : null;
                var identity = pod is { HasProxy: true } ? new ProxyIdentity(pod.Namespace, pod.ServiceAccount) : null;
                if (pod is not null)
                {
                    served.Add((new ProxyIdentity(pod.Namespace, pod.ServiceAccount), slicePort.Port));
                }

                if (endpoint.Ready == false)
                {
                    continue;
                }

                foreach (var address in endpoint.Addresses)
                {
                    endpoints.TryAdd((address, slicePort.Port), new Endpoint
                    {
                        Address = address,
                        Port = slicePort.Port,
                        Pod = endpoint.PodName,
                        Identity = identity?.Key,
                        InboundPort = identity is null ? null : pod!.InboundPort ?? Mesh.DefaultInboundPort,
                    });
                }

                if (identity is not null)
                {
                    identities.Add(identity);
                }
            }
        }

        var cluster = new BackendCluster
        {
            Id = ClusterId(service, port.Port),
            Namespace = service.Namespace,
            Service = service.Name,
            Port = port.Port,
            Endpoints = [.. endpoints.Values],
        };
        return new ClusterEntry(cluster, [.. identities], [.. served]);
    }

    private static ServedServices BuildServed(ProxyIdentity identity, List<(ServiceInfo Service, ServicePortInfo Port, ClusterEntry Entry)> parts) => new(
    [
        .. parts
            .GroupBy(p => p.Service.Key)
            .OrderBy(g => g.Key)
            .Select(g => new ServedService(
                g.First().Service,
                [.. g.SelectMany(p => p.Entry.Served
                        .Where(s => s.Identity.Equals(identity))
                        .Select(s => new ServedPort(p.Port.Port, s.TargetPort, string.IsNullOrEmpty(p.Port.Name) ? null : p.Port.Name, PortProtocols.Of(p.Port))))
                    .Distinct()
                    .OrderBy(p => p.Port)
                    .ThenBy(p => p.TargetPort)]))
    ]);

    private ImmutableArray<ProxyIdentity> BuildIdentities(ImmutableArray<ServiceAccountInfo> accounts, ImmutableArray<ProxyIdentity> podIdentities)
    {
        var identities = new HashSet<ProxyIdentity>(podIdentities);
        foreach (var account in accounts)
        {
            if (IsMeshedNamespace(account.Namespace))
            {
                identities.Add(new ProxyIdentity(account.Namespace, account.Name));
            }
        }

        return [.. identities.Order()];
    }

    private sealed class AddressPortComparer : IComparer<(string Address, int Port)>
    {
        public static readonly AddressPortComparer Instance = new();

        public int Compare((string Address, int Port) x, (string Address, int Port) y)
        {
            var c = string.CompareOrdinal(x.Address, y.Address);
            return c != 0 ? c : x.Port.CompareTo(y.Port);
        }
    }
}
