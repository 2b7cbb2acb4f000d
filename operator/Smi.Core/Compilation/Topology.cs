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
    private readonly Dictionary<string, BackendCluster> _clusters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ImmutableArray<ProxyIdentity>> _clusterIdentities = new(StringComparer.Ordinal);
    private readonly Dictionary<ProxyIdentity, SortedDictionary<string, SortedSet<(int Port, int TargetPort, string? Name, string Protocol)>>> _served = [];

    public Topology(ClusterSnapshot snapshot)
    {
        Mesh = snapshot.Mesh;
        // Keys are unique in every real source (informer caches, the local loader); tolerate
        // duplicates anyway rather than crash: the first one wins.
        Namespaces = Index(snapshot.Namespaces, n => n.Name);
        Services = Index(snapshot.Services, s => s.Key);
        Pods = Index(snapshot.Pods, p => $"{p.Namespace}/{p.Name}");
        RouteGroups = Index(snapshot.HttpRouteGroups, g => g.Metadata.Key);
        L4Routes = Index(snapshot.L4Routes, r => $"{r.Kind} {r.Metadata.Key}");
        var slices = snapshot.EndpointSlices
            .GroupBy(s => $"{s.Namespace}/{s.ServiceName}", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.Name, StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);

        foreach (var service in Services.Values)
        {
            var serviceSlices = slices.GetValueOrDefault(service.Key) ?? [];
            foreach (var port in service.Ports)
            {
                if (!IsStreamProtocol(port.Protocol))
                {
                    continue;
                }

                BuildCluster(service, port, serviceSlices);
            }
        }

        Identities = BuildIdentities(snapshot);
    }

    public MeshOptions Mesh { get; }

    public IReadOnlyDictionary<string, NamespaceInfo> Namespaces { get; }

    public IReadOnlyDictionary<string, ServiceInfo> Services { get; }

    public IReadOnlyDictionary<string, PodInfo> Pods { get; }

    public IReadOnlyDictionary<string, HttpRouteGroup> RouteGroups { get; }

    public IReadOnlyDictionary<string, L4Route> L4Routes { get; }

    /// <summary>Every proxy identity: ServiceAccounts in meshed namespaces and those of pods with a proxy, sorted.</summary>
    public ImmutableArray<ProxyIdentity> Identities { get; }

    public static string ClusterId(ServiceInfo service, int port) => $"{service.Namespace}/{service.Name}:{port}";

    public static bool IsStreamProtocol(string protocol) => string.Equals(protocol, "TCP", StringComparison.OrdinalIgnoreCase);

    public BackendCluster Cluster(string id) => _clusters[id];

    public bool TryGetCluster(ServiceInfo service, int port, out BackendCluster cluster) =>
        _clusters.TryGetValue(ClusterId(service, port), out cluster!);

    /// <summary>Meshed identities of the ready endpoints of a cluster (sorted).</summary>
    public ImmutableArray<ProxyIdentity> IdentitiesBehind(string clusterId) =>
        _clusterIdentities.GetValueOrDefault(clusterId, []);

    public bool IsMeshedNamespace(string ns) => MeshConventions.IsMeshed(Namespaces.GetValueOrDefault(ns), Mesh);

    public bool IsPermissive(string ns) => MeshConventions.IsPermissive(Namespaces.GetValueOrDefault(ns), Mesh);

    /// <summary>The Services (by key) and ports an identity's pods serve, whether ready or not.</summary>
    public IEnumerable<(ServiceInfo Service, IReadOnlyCollection<(int Port, int TargetPort, string? Name, string Protocol)> Ports)> ServedBy(ProxyIdentity identity)
    {
        if (!_served.TryGetValue(identity, out var services))
        {
            yield break;
        }

        foreach (var (key, ports) in services)
        {
            yield return (Services[key], ports);
        }
    }

    private static Dictionary<string, T> Index<T>(IEnumerable<T> items, Func<T, string> key)
    {
        var index = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            index.TryAdd(key(item), item);
        }

        return index;
    }

    private void BuildCluster(ServiceInfo service, ServicePortInfo port, EndpointSliceInfo[] slices)
    {
        var endpoints = new SortedDictionary<(string Address, int Port), Endpoint>(AddressPortComparer.Instance);
        var identities = new SortedSet<ProxyIdentity>();
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
                var pod = endpoint.PodName is { } podName ? Pods.GetValueOrDefault($"{slice.Namespace}/{podName}") : null;
                var identity = pod is { HasProxy: true } ? new ProxyIdentity(pod.Namespace, pod.ServiceAccount) : null;
                if (pod is not null)
                {
                    Serve(new ProxyIdentity(pod.Namespace, pod.ServiceAccount), service, port, slicePort.Port);
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

        var id = ClusterId(service, port.Port);
        _clusters[id] = new BackendCluster
        {
            Id = id,
            Namespace = service.Namespace,
            Service = service.Name,
            Port = port.Port,
            Endpoints = [.. endpoints.Values],
        };
        _clusterIdentities[id] = [.. identities];
    }

    private void Serve(ProxyIdentity identity, ServiceInfo service, ServicePortInfo port, int targetPort)
    {
        if (!_served.TryGetValue(identity, out var services))
        {
            services = new SortedDictionary<string, SortedSet<(int, int, string?, string)>>(StringComparer.Ordinal);
            _served[identity] = services;
        }

        if (!services.TryGetValue(service.Key, out var ports))
        {
            ports = [];
            services[service.Key] = ports;
        }

        ports.Add((port.Port, targetPort, port.Name, PortProtocols.Of(port)));
    }

    private ImmutableArray<ProxyIdentity> BuildIdentities(ClusterSnapshot snapshot)
    {
        var identities = new SortedSet<ProxyIdentity>();
        foreach (var account in snapshot.ServiceAccounts)
        {
            if (IsMeshedNamespace(account.Namespace))
            {
                identities.Add(new ProxyIdentity(account.Namespace, account.Name));
            }
        }

        foreach (var pod in snapshot.Pods)
        {
            if (pod.HasProxy)
            {
                identities.Add(new ProxyIdentity(pod.Namespace, pod.ServiceAccount));
            }
        }

        return [.. identities];
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
